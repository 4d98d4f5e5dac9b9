//! `auto` falls back to the std backend, with the reason, where io_uring is
//! refused: for real under a seccomp filter (as in Docker), and by the documented
//! `PYRER_SCAN_DISABLE_IO_URING` switch. Results are unchanged either way.
#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use pyrer_scanner::{
    backends, scan_repo, Backend, BackendChoice, ScanError, ScanOptions, DISABLE_IO_URING_ENV,
};

const CHILD_ENV: &str = "PYRER_TEST_SECCOMP_ROOT";

fn tree() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for (f, v) in [("foo", "1.0"), ("foo", "2.0"), ("bar", "0.1")] {
        let dir = root.path().join(f).join(v);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("package.py"), "").unwrap();
    }
    fs::write(root.path().join("combo.py"), "").unwrap();
    root
}

fn summary(root: &Path, backend: BackendChoice) -> (Backend, Option<String>, Vec<String>) {
    let options = ScanOptions {
        backend,
        ..ScanOptions::default()
    };
    let out = scan_repo(&[root], &options).unwrap();
    let entries = out
        .packages
        .iter()
        .map(|p| format!("{} {:?} {}", p.family, p.version, p.path.display()))
        .collect();
    (out.backend, out.fallback_reason, entries)
}

/// A seccomp filter that makes `io_uring_setup` fail with EPERM, as Docker's
/// default profile does, and allows every other syscall.
fn deny_io_uring_setup() -> std::io::Result<()> {
    const LD_W_ABS: u16 = 0x20; // BPF_LD | BPF_W | BPF_ABS
    const JEQ_K: u16 = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    const RET_K: u16 = 0x06; // BPF_RET | BPF_K
    let stmt = |code, k| libc::sock_filter {
        code,
        jt: 0,
        jf: 0,
        k,
    };
    let filter = [
        stmt(LD_W_ABS, 0), // seccomp_data.nr
        libc::sock_filter {
            code: JEQ_K,
            jt: 0,
            jf: 1,
            k: libc::SYS_io_uring_setup as u32,
        },
        stmt(RET_K, libc::SECCOMP_RET_ERRNO | libc::EPERM as u32),
        stmt(RET_K, libc::SECCOMP_RET_ALLOW),
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

/// Runs `fallback_child` in a child process (prepared by `setup`) and returns
/// what it reports: the backend that ran and the fallback reason.
fn run_child(root: &Path, setup: impl FnOnce(&mut Command)) -> (String, String) {
    let expected = summary(root, BackendChoice::Std).2;
    let mut child = Command::new(std::env::current_exe().unwrap());
    child
        .args(["--exact", "fallback_child", "--ignored", "--nocapture"])
        .env(CHILD_ENV, root);
    setup(&mut child);
    let out = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed: {stdout}{stderr}");
    let report = stdout
        .lines()
        .find_map(|l| l.strip_prefix("FALLBACK-REPORT "))
        .expect("child printed its report");
    let (backend, rest) = report.split_once(' ').unwrap();
    let entries = format!(" {expected:?}");
    let reason = rest
        .strip_suffix(&entries)
        .expect("same entries as the std backend");
    (backend.to_string(), reason.to_string())
}

#[test]
fn auto_falls_back_under_a_seccomp_filter_that_refuses_io_uring() {
    let root = tree();
    let (backend, reason) = run_child(root.path(), |child| {
        // SAFETY: the hook only calls prctl, which is async-signal-safe.
        unsafe { child.pre_exec(deny_io_uring_setup) };
    });
    assert_eq!(backend, "std");
    assert!(
        reason.starts_with("io_uring_setup: EPERM"),
        "reason: {reason}"
    );
}

#[test]
fn the_disable_switch_falls_back_with_the_same_results() {
    let root = tree();
    let (backend, reason) = run_child(root.path(), |child| {
        child.env(DISABLE_IO_URING_ENV, "1");
    });
    assert_eq!(backend, "std");
    assert_eq!(reason, "disabled by PYRER_SCAN_DISABLE_IO_URING");
}

/// Run by the tests above, in a child process where io_uring is refused.
#[test]
#[ignore = "runs only as the child of the fallback tests"]
fn fallback_child() {
    let root = std::env::var_os(CHILD_ENV).expect("run by a fallback test");
    let forced = scan_repo(
        &[&root],
        &ScanOptions {
            backend: BackendChoice::IoUring,
            ..ScanOptions::default()
        },
    );
    match forced {
        Err(e @ ScanError::BackendUnavailable { .. }) => {
            assert!(e.to_string().contains("io_uring"))
        }
        other => panic!("forcing io_uring should fail, got {other:?}"),
    }
    assert!(backends()
        .iter()
        .any(|(name, why)| *name == "io_uring" && why.is_some()));
    let (backend, reason, entries) = summary(Path::new(&root), BackendChoice::Auto);
    println!(
        "FALLBACK-REPORT {} {} {entries:?}",
        backend.as_str(),
        reason.unwrap_or_default()
    );
}

#[test]
fn auto_runs_std_on_local_filesystems_and_says_why() {
    let root = tree();
    let (backend, reason, entries) = summary(root.path(), BackendChoice::Auto);
    assert_eq!(backend, Backend::Std);
    let reason = reason.expect("auto explains why it did not run io_uring");
    assert!(reason.contains("local filesystems"), "{reason}");
    assert_eq!(entries, summary(root.path(), BackendChoice::Std).2);
    // Forcing io_uring still works where the kernel allows it.
    let io_uring = backends().into_iter().find(|(name, _)| *name == "io_uring");
    if let Some((_, None)) = io_uring {
        assert_eq!(
            summary(root.path(), BackendChoice::IoUring).0,
            Backend::IoUring
        );
    } else {
        eprintln!("io_uring unavailable here: {io_uring:?}");
    }
}
