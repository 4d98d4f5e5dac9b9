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
mod fs;
#[cfg(unix)]
mod getdents;
mod options;
mod output;
mod pool;
mod rules;
mod settings;
mod std_backend;
mod tasks;
#[cfg(target_os = "linux")]
mod uring;
mod walk;

use std::path::Path;

pub use cancel::CancelToken;
pub use error::ScanError;
pub use options::{BackendChoice, OnProblem, ScanOptions};
pub use output::{Backend, Format, Operation, PackageKind, Problem, ScanOutput, ScannedPackage};

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
        BackendChoice::Auto => match io_uring_scan(paths, options, lock_dir, cancel) {
            Ok(found) => (found, Backend::IoUring, None),
            Err(reason) => (std_scan(), Backend::Std, Some(reason)),
        },
    };
    let Some(found) = found else {
        return Err(ScanError::Cancelled);
    };
    let mut output = ScanOutput {
        packages: found.packages,
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

/// Runs the io_uring backend, or says why it cannot run here.
/// `Ok(None)` when cancelled.
fn io_uring_scan<P: AsRef<Path>>(
    paths: &[P],
    options: &ScanOptions,
    lock_dir: Option<&str>,
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

/// Whether each backend can run on this host: `(name, None)` when it can,
/// `(name, Some(reason))` when it cannot.
pub fn backends() -> Vec<(&'static str, Option<String>)> {
    #[cfg(target_os = "linux")]
    let io_uring = uring::available().err();
    #[cfg(not(target_os = "linux"))]
    let io_uring = Some("io_uring is Linux-only".to_string());
    vec![("std", None), ("io_uring", io_uring)]
}

/// The environment variable that, when set, makes io_uring unavailable as if
/// the kernel refused it (for testing the fallback).
pub const DISABLE_IO_URING_ENV: &str = "PYRER_SCAN_DISABLE_IO_URING";
