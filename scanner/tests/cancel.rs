//! Cancellation: a cancelled scan stops and leaks no fds or threads.
//! (Its own test binary, so no other test opens fds while it counts them.)

use std::fs;
use std::path::Path;

use pyrer_scanner::{
    backends, scan_repo_cancellable, BackendChoice, CancelToken, ScanError, ScanOptions,
};

fn write(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, "name = 'x'\n").unwrap();
}

fn count(dir: &str) -> usize {
    fs::read_dir(dir).map_or(0, |d| d.count())
}

/// The backends this host can run; prints why any is skipped.
fn usable_backends() -> Vec<BackendChoice> {
    let mut usable = vec![BackendChoice::Std];
    for (name, reason) in backends() {
        match (name, reason) {
            ("io_uring", None) => usable.push(BackendChoice::IoUring),
            (name, Some(reason)) => eprintln!("skipping backend {name}: {reason}"),
            _ => {}
        }
    }
    usable
}

#[test]
fn cancelled_scans_stop_and_leak_no_fds() {
    let root = tempfile::tempdir().unwrap();
    for f in 0..300 {
        for v in 0..10 {
            write(&root.path().join(format!("f{f}/{v}.0/package.py")));
        }
    }
    let (fds, threads) = (count("/proc/self/fd"), count("/proc/self/task"));
    for backend in usable_backends() {
        eprintln!("cancelling backend {backend:?}");
        let options = ScanOptions {
            backend,
            ..ScanOptions::default()
        };
        let token = CancelToken::new();
        token.cancel();
        assert!(matches!(
            scan_repo_cancellable(&[root.path()], &options, &token),
            Err(ScanError::Cancelled)
        ));
        cancel_repeatedly(root.path(), &options);
    }
    // Every thread the scans started (including io_uring's io-wq workers) is gone.
    assert_eq!(count("/proc/self/fd"), fds, "a cancelled scan leaked fds");
    assert_eq!(
        count("/proc/self/task"),
        threads,
        "a cancelled scan leaked threads"
    );
}

fn cancel_repeatedly(root: &Path, options: &ScanOptions) {
    for delay_us in [0u64, 20, 50, 100, 200, 500, 1000, 2000, 5000] {
        let token = CancelToken::new();
        let canceller = {
            let token = token.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_micros(delay_us));
                token.cancel();
            })
        };
        let result = scan_repo_cancellable(&[root], options, &token);
        canceller.join().unwrap();
        match result {
            Err(ScanError::Cancelled) => {}
            Ok(out) => assert_eq!(out.packages.len(), 3000), // finished before the cancel
            Err(other) => panic!("unexpected {other}"),
        }
    }
}
