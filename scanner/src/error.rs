//! Typed errors of `scan_repo`.

use std::path::PathBuf;

use crate::output::{Problem, ScanOutput};

/// Why `scan_repo` returned no (complete) result.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// An option value rez itself would reject, or that makes no sense.
    #[error("invalid option `{option}`: {reason}")]
    InvalidOption {
        /// The option's name, as in `ScanOptions`.
        option: &'static str,
        /// Why it is invalid.
        reason: String,
    },
    /// A root path that cannot be a path at all (for example, it contains NUL).
    #[error("invalid path {path:?}: {reason}")]
    InvalidPath {
        /// The path as given.
        path: PathBuf,
        /// Why it is invalid.
        reason: String,
    },
    /// The requested backend cannot run on this host (or failed while running).
    #[error("backend {backend} is unavailable: {reason}")]
    BackendUnavailable {
        /// The backend's name.
        backend: &'static str,
        /// Why, e.g. `io_uring_setup: EPERM (kernel.io_uring_disabled=2)`.
        reason: String,
    },
    /// The scan was cancelled through its `CancelToken`.
    #[error("scan cancelled")]
    Cancelled,
    /// The scan finished but could not read everything; rez would have raised.
    /// `partial` holds every entry that was found.
    #[error("{}", problems_message(.problems))]
    Problems {
        /// Every place the scan could not read.
        problems: Vec<Problem>,
        /// Everything else the scan found.
        partial: Box<ScanOutput>,
    },
}

/// The message of a scan that hit `problems` (`ScanError::Problems`, and Python's
/// `ScanError`): the first problem in full, and how many more there are.
pub fn problems_message<P: std::fmt::Display>(problems: &[P]) -> String {
    match problems {
        [only] => format!("scan hit a problem: {only}"),
        [first, rest @ ..] => format!(
            "scan hit {} problems; first: {first} (and {} more)",
            problems.len(),
            rest.len()
        ),
        [] => "scan hit problems".to_string(),
    }
}
