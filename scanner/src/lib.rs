//! rez-exact enumeration of rez package repositories.
//!
//! [`scan_repo`] returns one [`ScannedPackage`] for every package rez 3.4.0's
//! filesystem repository would surface under the given roots — the same
//! families, versions, package-file paths and formats, entry for entry —
//! with far fewer, and concurrent, filesystem calls.
//!
//! ```
//! use pyrer_scanner::{scan_repo, PackageKind, ScanOptions};
//!
//! let root = tempfile::tempdir()?;
//! std::fs::create_dir_all(root.path().join("python/3.11.7"))?;
//! std::fs::write(root.path().join("python/3.11.7/package.py"), "name = 'python'\n")?;
//!
//! let out = scan_repo(&[root.path()], &ScanOptions::default())?;
//! assert_eq!(out.packages.len(), 1);
//! let pkg = &out.packages[0];
//! assert_eq!(pkg.family, "python");
//! assert_eq!(pkg.version.as_deref(), Some("3.11.7".as_ref()));
//! assert_eq!(pkg.kind, PackageKind::Versioned);
//! assert!(pkg.path.ends_with("python/3.11.7/package.py"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Problems (an unreadable family directory, say) do not stop the scan. By
//! default they turn into [`ScanError::Problems`], which carries the partial
//! result; with [`OnProblem::Collect`] they are listed in [`ScanOutput::problems`].

mod cancel;
mod error;
#[cfg(all(test, unix))]
mod fake_fs;
#[cfg(all(test, unix))]
mod fault_tests;
mod fs;
#[cfg(unix)]
mod getdents;
mod options;
mod output;
mod pool;
mod prefetch;
mod rules;
mod settings;
mod std_backend;
mod tasks;
#[cfg(target_os = "linux")]
mod uring;
mod walk;

use std::ffi::OsStr;
use std::path::Path;

pub use cancel::CancelToken;
pub use error::ScanError;
pub use options::{BackendChoice, OnProblem, ScanOptions};
pub use output::{
    terminal_safe, Backend, Format, Operation, PackageKind, Problem, ScanOutput, ScannedFamily,
    ScannedPackage,
};
pub use prefetch::{prefetch_files, Prefetched};

/// Scans the repository roots in `paths` (as in rez's `packages_path`) and
/// returns every package rez would see, sorted by root, family, then version.
///
/// A root that is missing or is not a directory yields nothing, as in rez.
pub fn scan_repo<P: AsRef<Path>>(
    paths: &[P],
    options: &ScanOptions,
) -> Result<ScanOutput, ScanError> {
    scan_repo_cancellable(paths, options, &CancelToken::new())
}

/// [`scan_repo`] that stops early, with [`ScanError::Cancelled`], once `cancel`
/// is cancelled from another thread.
pub fn scan_repo_cancellable<P: AsRef<Path>>(
    paths: &[P],
    options: &ScanOptions,
    cancel: &CancelToken,
) -> Result<ScanOutput, ScanError> {
    let lock_dir = options.validate()?;
    for path in paths {
        let path = path.as_ref();
        if path.as_os_str().as_encoded_bytes().contains(&0) {
            return Err(ScanError::InvalidPath {
                path: path.to_path_buf(),
                reason: "contains a NUL byte".to_string(),
            });
        }
    }
    let std_scan = || std_backend::scan(paths, options, lock_dir, cancel);
    let (found, backend, fallback_reason) = match options.backend {
        BackendChoice::Std => (std_scan(), Backend::Std, None),
        BackendChoice::IoUring => match io_uring_scan(paths, options, lock_dir, cancel) {
            Ok(found) => (found, Backend::IoUring, None),
            Err(reason) => {
                return Err(ScanError::BackendUnavailable {
                    backend: Backend::IoUring.as_str(),
                    reason,
                })
            }
        },
        BackendChoice::Auto => match io_uring_refused().or_else(|| local_filesystem(paths)) {
            Some(reason) => (std_scan(), Backend::Std, Some(reason)),
            None => match io_uring_scan(paths, options, lock_dir, cancel) {
                Ok(found) => (found, Backend::IoUring, None),
                Err(reason) => (std_scan(), Backend::Std, Some(reason)),
            },
        },
    };
    let Some(found) = found else {
        return Err(ScanError::Cancelled);
    };
    let mut output = ScanOutput {
        packages: found.packages,
        families: found.families,
        problems: found.problems,
        backend,
        fallback_reason,
    };
    output.sort();
    if options.on_problem == OnProblem::Fail && !output.problems.is_empty() {
        return Err(ScanError::Problems {
            problems: output.problems.clone(),
            partial: Box::new(output),
        });
    }
    Ok(output)
}

/// Why `auto` runs the std backend although io_uring may be available: every
/// root is on a local filesystem, where io_uring measured no faster cold and
/// slower warm (`STATX` always goes to a kernel worker thread; see
/// `benches/RESULTS.md`). io_uring pays off on network and FUSE filesystems.
fn local_filesystem<P: AsRef<Path>>(paths: &[P]) -> Option<String> {
    #[cfg(target_os = "linux")]
    {
        const LOCAL: [(i64, &str); 10] = [
            (0xEF53, "ext4"),
            (0x5846_5342, "xfs"),
            (0x9123_683E, "btrfs"),
            (0x0102_1994, "tmpfs"),
            (0x858_458F6, "ramfs"),
            (0x2FC1_2FC1, "zfs"),
            (0xF2F5_2010, "f2fs"),
            (0x794C_7630, "overlayfs"),
            (0x7371_7368, "squashfs"),
            (0xCA45_1A4E, "bcachefs"),
        ];
        let mut names = Vec::new();
        for path in paths {
            // A root that cannot be stat'ed yields nothing either way.
            let Ok(stat) = rustix::fs::statfs(path.as_ref()) else {
                continue;
            };
            #[allow(clippy::unnecessary_cast)] // `f_type`'s type differs between architectures
            let f_type = stat.f_type as i64;
            let local = LOCAL.iter().find(|(magic, _)| *magic == f_type);
            match local {
                Some((_, name)) if !names.contains(name) => names.push(*name),
                Some(_) => {}
                None => return None,
            }
        }
        (!names.is_empty()).then(|| {
            format!(
                "the roots are on local filesystems ({}), where std is as fast or faster; \
                 io_uring is chosen for network and FUSE filesystems",
                names.join(", ")
            )
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = paths;
        None
    }
}

/// Runs the io_uring backend, or says why it cannot run here.
/// `Ok(None)` when cancelled.
fn io_uring_scan<P: AsRef<Path>>(
    paths: &[P],
    options: &ScanOptions,
    lock_dir: Option<&OsStr>,
    cancel: &CancelToken,
) -> Result<Option<walk::Found>, String> {
    #[cfg(target_os = "linux")]
    {
        uring::available()?;
        uring::scan(paths, options, lock_dir, cancel).map_err(|e| format!("io_uring: {e}"))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (paths, options, lock_dir, cancel);
        Err("io_uring is Linux-only".to_string())
    }
}

/// Why io_uring cannot run on this host, if it cannot.
fn io_uring_refused() -> Option<String> {
    #[cfg(target_os = "linux")]
    return uring::available().err();
    #[cfg(not(target_os = "linux"))]
    return Some("io_uring is Linux-only".to_string());
}

/// Whether each backend can run on this host: `(name, None)` when it can,
/// `(name, Some(reason))` when it cannot.
pub fn backends() -> Vec<(&'static str, Option<String>)> {
    vec![("std", None), ("io_uring", io_uring_refused())]
}

/// The environment variable that, when set, makes io_uring unavailable as if
/// the kernel refused it (for testing the fallback).
pub const DISABLE_IO_URING_ENV: &str = "PYRER_SCAN_DISABLE_IO_URING";
