//! Scans where no thread can be created (as under `RLIMIT_NPROC` or a cgroup's
//! `pids.max`): std scans on the calling thread, io_uring is unavailable with the
//! reason, `auto` falls back, and nothing panics. Runs in a child process under a
//! seccomp filter that refuses new threads with `EAGAIN`, as root too.
#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::process::CommandExt;
use std::process::Command;

use pyrer_scanner::{scan_repo, BackendChoice, ScanError, ScanOptions};

const CHILD_ENV: &str = "PYRER_TEST_NO_THREADS_ROOT";

/// A seccomp filter under which `pthread_create` fails with `EAGAIN`: `clone3`
/// is "not implemented" (so libc falls back to `clone`) and `clone` with
/// `CLONE_THREAD` fails with `EAGAIN`. Processes can still be created.
fn refuse_threads() -> std::io::Result<()> {
    const LD_W_ABS: u16 = 0x20; // BPF_LD | BPF_W | BPF_ABS
    const JEQ_K: u16 = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    const JSET_K: u16 = 0x45; // BPF_JMP | BPF_JSET | BPF_K
    const RET_K: u16 = 0x06; // BPF_RET | BPF_K
    const ARG0: u32 = 16; // offsetof(struct seccomp_data, args[0]), low half on little-endian
    let op = |code, jt, jf, k| libc::sock_filter { code, jt, jf, k };
    let filter = [
        op(LD_W_ABS, 0, 0, 0), // seccomp_data.nr
        op(JEQ_K, 4, 0, libc::SYS_clone3 as u32),
        op(JEQ_K, 0, 4, libc::SYS_clone as u32),
        op(LD_W_ABS, 0, 0, ARG0),
        op(JSET_K, 0, 2, libc::CLONE_THREAD as u32),
        op(RET_K, 0, 0, libc::SECCOMP_RET_ERRNO | libc::EAGAIN as u32),
        op(RET_K, 0, 0, libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32),
        op(RET_K, 0, 0, libc::SECCOMP_RET_ALLOW),
    ];
    let program = libc::sock_fprog {
        len: filter.len() as u16,
        filter: filter.as_ptr().cast_mut(),
    };
    // SAFETY: plain prctl calls with a filter that outlives them; the kernel copies it.
    unsafe {
        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
            || libc::prctl(libc::PR_SET_SECCOMP, libc::SECCOMP_MODE_FILTER, &program) != 0
        {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

#[test]
fn scans_complete_where_no_thread_can_be_created() {
    let root = tempfile::tempdir().unwrap();
    for f in 0..50 {
        for v in 0..40 {
            let dir = root.path().join(format!("f{f}/{v}.0"));
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("package.py"), "").unwrap();
        }
    }
    let mut child = Command::new(std::env::current_exe().unwrap());
    child
        .args(["--exact", "no_threads_child", "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(CHILD_ENV, root.path());
    // SAFETY: the hook only calls prctl, which is async-signal-safe.
    unsafe { child.pre_exec(refuse_threads) };
    let out = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed: {stdout}{stderr}");
    assert!(stdout.contains("NO-THREADS-OK"), "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Run by the test above, in a child process that cannot create threads.
#[test]
#[ignore = "runs only as the child of scans_complete_where_no_thread_can_be_created"]
fn no_threads_child() {
    let root = std::env::var_os(CHILD_ENV).expect("run by the parent test");
    assert!(
        std::thread::Builder::new().spawn(|| {}).is_err(),
        "the filter refuses threads"
    );
    let scan = |backend| {
        let options = ScanOptions {
            backend,
            ..ScanOptions::default()
        };
        scan_repo(&[&root], &options)
    };
    for backend in [BackendChoice::Std, BackendChoice::Auto] {
        let out = scan(backend).unwrap_or_else(|e| panic!("{backend:?}: {e}"));
        assert_eq!(out.packages.len(), 2000, "{backend:?}");
    }
    match scan(BackendChoice::IoUring) {
        Err(ScanError::BackendUnavailable { reason, .. }) => eprintln!("io_uring: {reason}"),
        other => panic!("io_uring without threads: {other:?}"),
    }
    println!("NO-THREADS-OK");
}
