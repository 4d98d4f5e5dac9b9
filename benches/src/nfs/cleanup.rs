//! Nothing is left behind: the NFS mode registers every child process and mount here.
//! On SIGINT, SIGTERM or SIGHUP a watcher thread stops the children, unmounts (lazily
//! if need be) and exits; on a panic the `FuseMount` guard's `Drop` does the same.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pyrer_benches::mounts::{detach, is_mounted};

static PIDS: Mutex<Vec<libc::pid_t>> = Mutex::new(Vec::new());
static MOUNTS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn register_pid(pid: libc::pid_t) {
    lock(&PIDS).push(pid);
}

pub fn unregister_pid(pid: libc::pid_t) {
    lock(&PIDS).retain(|p| *p != pid);
}

pub fn register_mount(path: &Path) {
    lock(&MOUNTS).push(path.to_path_buf());
}

pub fn unregister_mount(path: &Path) {
    lock(&MOUNTS).retain(|p| p != path);
}

/// Blocks the termination signals in the calling thread (and so in every thread it
/// starts later; children get a clean mask from `Command`) and starts the watcher.
/// Call before any other thread is started.
pub fn install() {
    // SAFETY: plain libc signal-set calls on a local, initialised set.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, sig);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    };
    std::thread::spawn(move || {
        let mut sig = 0;
        // SAFETY: `set` is initialised; `sig` is a valid out-pointer.
        while unsafe { libc::sigwait(&set, &mut sig) } != 0 {}
        eprintln!("pyrer-bench: signal {sig}: stopping children and unmounting");
        abort_all();
        std::process::exit(128 + sig);
    });
}

/// Terminates the registered children and removes the registered mounts.
fn abort_all() {
    let pids = lock(&PIDS).clone();
    for pid in &pids {
        // SAFETY: kill(2) on a child we started and have not reaped.
        unsafe { libc::kill(*pid, libc::SIGTERM) };
    }
    let mounts = lock(&MOUNTS).clone();
    let deadline = Instant::now() + Duration::from_secs(5);
    while mounts.iter().any(|m| is_mounted(m)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    for mount in &mounts {
        if let Err(e) = detach(mount) {
            eprintln!("pyrer-bench: could not unmount {}: {e}", mount.display());
        }
    }
    for pid in &pids {
        // SAFETY: as above.
        unsafe { libc::kill(*pid, libc::SIGKILL) };
    }
}

/// Holds an exclusive `flock` on `path` so that two benches never share a mount point
/// (the second would unmount the first's mount as stale). Released on drop.
pub fn lock_exclusive(path: &Path) -> Result<std::fs::File, String> {
    use rustix::fs::{flock, FlockOperation};
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    flock(&file, FlockOperation::NonBlockingLockExclusive).map_err(|_| {
        format!(
            "another pyrer-bench --nfs holds {}; use --mountpoint for a second one",
            path.display()
        )
    })?;
    Ok(file)
}
