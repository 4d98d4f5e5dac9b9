//! rez-exact enumeration of rez package repositories.
//!
//! [`scan_repo`] returns one [`ScannedPackage`] for every package rez 3.4.0's
//! filesystem repository would surface under the given roots — the same
//! families, versions, package-file paths and formats, entry for entry —
//! with far fewer, and concurrent, filesystem calls. The rules it follows are
//! written down in `docs/enumeration.md`, which gives each an ID (`ENUM-4.2` for a
//! rule, `EDGE-33` for an edge case) that the code cites.
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
//!
//! How the crate is laid out (walker split from policy, one I/O trait):
//!
//! * `walk`: rez's rules, once — roots, families, versions, package files — written
//!   over the `fs::Fs` trait; `rules` (valid names, reserved entries) and `settings`
//!   (`settings.yaml`) are the pieces of policy it calls;
//! * `fs`: the trait, the I/O mechanism a backend provides (open, list, stat);
//! * `tasks`: the queue of family tasks, and `tasks::drive`, the one driver both
//!   backends run once they have read their roots: tasks on `pool`'s threads, each
//!   with a walker of its own, then one merge (`walk::Found::merge`);
//! * `std_backend` (blocking calls on `pool`'s threads) and `uring` (io_uring rings;
//!   the ownership invariant of every submission is written in `uring/queue.rs`);
//! * `select`: which backend `auto` runs, and why;
//! * `options`, `output`, `error`, `cancel`: the public types.

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
mod rules;
mod select;
mod settings;
mod std_backend;
mod tasks;
#[cfg(target_os = "linux")]
mod uring;
mod walk;

use std::ffi::OsStr;
use std::path::Path;

pub use cancel::{CancelToken, Progress};
pub use error::{problems_message, ScanError};
pub use options::{BackendChoice, OnProblem, ScanOptions};
pub use output::{
    absent_root_line, problem_line, terminal_safe, Absence, AbsentRoot, Backend, Format, Operation,
    PackageKind, Problem, ScanOutput, ScannedFamily, ScannedPackage,
};
pub use select::backends;

/// Scans the repository roots in `paths` (as in rez's `packages_path`) and
/// returns every package rez would see, sorted by root, family, then version.
///
/// A root that is missing or is not a directory yields nothing, as in rez
/// (`docs/enumeration.md` ENUM-3.3, EDGE-1).
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
    // Every root on a local filesystem (Linux knows; elsewhere assume so).
    let local = select::local_filesystem(paths);
    let chunk = if cfg!(target_os = "linux") && local.is_none() {
        tasks::REMOTE_CHUNK
    } else {
        tasks::LOCAL_CHUNK
    };
    let std_scan = || std_backend::scan(paths, options, lock_dir, cancel, chunk);
    let (found, backend, fallback_reason) = match options.backend {
        BackendChoice::Std => (std_scan(), Backend::Std, None),
        BackendChoice::IoUring => match io_uring_scan(paths, options, lock_dir, cancel, chunk) {
            Ok(found) => (found, Backend::IoUring, None),
            Err(reason) => {
                return Err(ScanError::BackendUnavailable {
                    backend: Backend::IoUring.as_str(),
                    reason,
                })
            }
        },
        BackendChoice::Auto => match select::io_uring_refused().or(local) {
            Some(reason) => (std_scan(), Backend::Std, Some(reason)),
            None => match io_uring_scan(paths, options, lock_dir, cancel, chunk) {
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
        absent_roots: found.absent_roots,
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
    lock_dir: Option<&OsStr>,
    cancel: &CancelToken,
    chunk: usize,
) -> Result<Option<walk::Found>, String> {
    #[cfg(target_os = "linux")]
    {
        uring::available()?;
        uring::scan(paths, options, lock_dir, cancel, chunk).map_err(|e| format!("io_uring: {e}"))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (paths, options, lock_dir, cancel, chunk);
        Err("io_uring is Linux-only".to_string())
    }
}

/// The environment variable that, when set, makes io_uring unavailable as if
/// the kernel refused it (for testing the fallback).
pub const DISABLE_IO_URING_ENV: &str = "PYRER_SCAN_DISABLE_IO_URING";
