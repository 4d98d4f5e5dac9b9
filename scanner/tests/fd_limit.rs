//! A repository with far more families than the open-file limit loses nothing:
//! 3000 families of 40 versions under `ulimit -n 256`, on every backend.
//! (Its own test binary: the limit it sets holds for the whole process.)
#![cfg(unix)]

use std::fs;
use std::time::Instant;

use pyrer_scanner::{backends, scan_repo, BackendChoice, ScanOptions};
use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};

const FAMILIES: usize = 3000;
const VERSIONS: usize = 40;
const NOFILE: u64 = 256;

#[test]
fn every_package_is_found_under_a_small_open_file_limit() {
    let built = Instant::now();
    let root = tempfile::tempdir().unwrap();
    for f in 0..FAMILIES {
        let family = root.path().join(format!("fam{f}"));
        fs::create_dir(&family).unwrap();
        for v in 0..VERSIONS {
            // A version without a package file is still a package in rez's default mode.
            fs::create_dir(family.join(format!("{v}.0"))).unwrap();
        }
    }
    eprintln!("tree built: {:?}", built.elapsed());
    let limit = getrlimit(Resource::Nofile);
    setrlimit(
        Resource::Nofile,
        Rlimit {
            current: Some(NOFILE),
            maximum: limit.maximum,
        },
    )
    .unwrap();

    let mut choices = vec![BackendChoice::Std];
    match backends().into_iter().find(|(name, _)| *name == "io_uring") {
        Some((_, None)) => choices.push(BackendChoice::IoUring),
        other => eprintln!("skipping io_uring: {other:?}"),
    }
    for backend in choices {
        let options = ScanOptions {
            backend,
            ..ScanOptions::default()
        };
        let start = Instant::now();
        let out = scan_repo(&[root.path()], &options)
            .unwrap_or_else(|err| panic!("{backend:?} under ulimit -n {NOFILE}: {err}"));
        eprintln!("{backend:?}: {:?}", start.elapsed());
        assert_eq!(out.packages.len(), FAMILIES * VERSIONS, "{backend:?}");
        assert_eq!(out.families.len(), FAMILIES, "{backend:?}");
    }
}
