//! Entries whose paths, as rez joins them, reach `PATH_MAX` are not rez's: its
//! `isdir`/`isfile` fail there (`ENAMETOOLONG`), although lookups relative to
//! directory fds, as the scanner makes them, would find them.
#![cfg(target_os = "linux")]

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use pyrer_scanner::{backends, scan_repo, BackendChoice, Format, ScanOptions};
use rustix::fs::{mkdirat, openat, Mode, OFlags, CWD};

const PATH_MAX: usize = 4096;
/// The root's length: `ROOT/short/1.0/package.py` still fits.
const ROOT_LEN: usize = 4050;

fn open(dir: &OwnedFd, name: &str) -> OwnedFd {
    openat(dir, name, OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty()).unwrap()
}

fn mkdir(dir: &OwnedFd, name: &str) -> OwnedFd {
    mkdirat(dir, name, Mode::from_raw_mode(0o755)).unwrap();
    open(dir, name)
}

/// A root of `ROOT_LEN` bytes under `base`, made of components short enough to create.
fn deep_root(base: &Path) -> PathBuf {
    let mut root = base.to_path_buf();
    while root.as_os_str().len() < ROOT_LEN {
        let left = ROOT_LEN - root.as_os_str().len() - 1;
        root.push("d".repeat(left.clamp(1, 200)));
    }
    std::fs::create_dir_all(&root).unwrap();
    assert_eq!(root.as_os_str().len(), ROOT_LEN);
    root
}

#[test]
fn entries_beyond_path_max_are_not_listed() {
    let base = tempfile::tempdir().unwrap();
    let root_path = deep_root(&std::fs::canonicalize(base.path()).unwrap());
    let root = openat(CWD, &root_path, OFlags::RDONLY, Mode::empty()).unwrap();
    let short = mkdir(&root, "short");
    let one = mkdir(&short, "1.0");
    openat(
        &one,
        "package.py",
        OFlags::CREATE | OFlags::WRONLY,
        Mode::from_raw_mode(0o644),
    )
    .unwrap();
    // ROOT/short/999... is PATH_MAX bytes or more: no version.
    mkdir(&short, &"9".repeat(50));
    // ROOT/fxxx... is too long: no family.
    mkdir(&mkdir(&root, &format!("f{}", "x".repeat(60))), "1.0");
    // ROOT/mid/1.1...0 fits, its package.py does not: a version without a file.
    let version = format!("{}0", "1.".repeat(15));
    let mid = mkdir(&mkdir(&root, "mid"), &version);
    openat(
        &mid,
        "package.py",
        OFlags::CREATE | OFlags::WRONLY,
        Mode::from_raw_mode(0o644),
    )
    .unwrap();
    assert!(root_path.join("mid").join(&version).as_os_str().len() < PATH_MAX);
    assert!(
        root_path
            .join("mid")
            .join(&version)
            .join("package.py")
            .as_os_str()
            .len()
            >= PATH_MAX
    );

    let mut choices = vec![BackendChoice::Std];
    if let Some((_, None)) = backends().into_iter().find(|(name, _)| *name == "io_uring") {
        choices.push(BackendChoice::IoUring);
    }
    for backend in choices {
        let options = ScanOptions {
            backend,
            ..ScanOptions::default()
        };
        let out = scan_repo(&[&root_path], &options).unwrap();
        let found: Vec<_> = out
            .packages
            .iter()
            .map(|p| (p.family.as_str(), p.version.clone().unwrap(), p.format))
            .collect();
        assert_eq!(
            found,
            [
                ("mid", version.clone().into(), None),
                ("short", "1.0".into(), Some(Format::Py)),
            ],
            "{backend:?}"
        );
        assert_eq!(out.families.len(), 2, "{backend:?}");
    }
}
