//! Cancellation: a cancelled scan stops and leaks no fds or threads.
//! (Its own test binary, so no other test opens fds while it counts them.)

use std::fs;
use std::path::Path;

use pyrer_scanner::{scan_repo_cancellable, CancelToken, ScanError, ScanOptions};

fn write(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, "name = 'x'\n").unwrap();
}

fn count(dir: &str) -> usize {
    fs::read_dir(dir).map_or(0, |d| d.count())
}

#[test]
fn cancelled_scans_stop_and_leak_no_fds() {
    let root = tempfile::tempdir().unwrap();
    for f in 0..300 {
        for v in 0..10 {
            write(&root.path().join(format!("f{f}/{v}.0/package.py")));
        }
    }
    let token = CancelToken::new();
    token.cancel();
    assert!(matches!(
        scan_repo_cancellable(&[root.path()], &ScanOptions::default(), &token),
        Err(ScanError::Cancelled)
    ));

    let (fds, threads) = (count("/proc/self/fd"), count("/proc/self/task"));
    for delay_us in [0u64, 50, 200, 1000] {
        let token = CancelToken::new();
        let canceller = {
            let token = token.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_micros(delay_us));
                token.cancel();
            })
        };
        let result = scan_repo_cancellable(&[root.path()], &ScanOptions::default(), &token);
        canceller.join().unwrap();
        match result {
            Err(ScanError::Cancelled) => {}
            Ok(out) => assert_eq!(out.packages.len(), 3000), // finished before the cancel
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert_eq!(count("/proc/self/fd"), fds, "a cancelled scan leaked fds");
    assert_eq!(
        count("/proc/self/task"),
        threads,
        "a cancelled scan leaked threads"
    );
}
