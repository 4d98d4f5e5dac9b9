//! A process whose working directory was deleted (long-lived daemons and shells)
//! still scans absolute roots; a relative root is a problem there, as rez's
//! `abspath` raises. (Its own test binary: the working directory is per process.)
#![cfg(unix)]

use std::fs;

use pyrer_scanner::{backends, scan_repo, BackendChoice, OnProblem, Operation, ScanOptions};

#[test]
fn absolute_roots_scan_in_a_deleted_working_directory() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("foo/1.0")).unwrap();
    fs::write(root.path().join("foo/1.0/package.py"), "").unwrap();
    let gone = tempfile::tempdir().unwrap();
    std::env::set_current_dir(gone.path()).unwrap();
    fs::remove_dir(gone.path()).unwrap();
    assert!(
        std::env::current_dir().is_err(),
        "the working directory is gone"
    );

    let mut choices = vec![BackendChoice::Std];
    if let Some((_, None)) = backends().into_iter().find(|(name, _)| *name == "io_uring") {
        choices.push(BackendChoice::IoUring);
    }
    for backend in choices {
        let options = ScanOptions {
            backend,
            on_problem: OnProblem::Collect,
            ..ScanOptions::default()
        };
        let out = scan_repo(&[root.path()], &options).unwrap();
        assert_eq!(out.packages.len(), 1, "{backend:?}");
        assert!(out.problems.is_empty(), "{backend:?}: {:?}", out.problems);

        let out = scan_repo(&["relative"], &options).unwrap();
        assert!(out.packages.is_empty());
        assert_eq!(out.problems.len(), 1, "{backend:?}");
        assert_eq!(out.problems[0].operation, Operation::Canonicalize);
        assert_eq!(
            out.problems[0].errno,
            Some(rustix::io::Errno::NOENT.raw_os_error())
        );
    }
}
