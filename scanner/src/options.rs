//! `ScanOptions`: rez's filesystem-repository settings plus the scanner's own knobs.

use std::ffi::{OsStr, OsString};

use crate::error::ScanError;

/// Which backend to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BackendChoice {
    /// The fastest backend available on this host.
    #[default]
    Auto,
    /// The portable backend (threads and ordinary syscalls).
    Std,
    /// The io_uring backend (Linux); an error where the kernel refuses it.
    IoUring,
}

impl BackendChoice {
    /// Parses `auto`, `std` or `io_uring`.
    pub fn parse(name: &str) -> Result<Self, ScanError> {
        match name {
            "auto" => Ok(BackendChoice::Auto),
            "std" => Ok(BackendChoice::Std),
            "io_uring" => Ok(BackendChoice::IoUring),
            other => Err(ScanError::InvalidOption {
                option: "backend",
                reason: format!(
                    "unknown backend {other:?}; expected \"auto\", \"std\" or \"io_uring\""
                ),
            }),
        }
    }
}

/// What to do when parts of the repository cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OnProblem {
    /// Return `ScanError::Problems`, which carries the partial result.
    #[default]
    Fail,
    /// Return the result with the problems listed in `ScanOutput::problems`.
    Collect,
}

/// Settings for `scan_repo`. `Default` gives rez 3.4.0's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanOptions {
    /// rez `plugins.package_repository.filesystem.check_package_definition_files`:
    /// check mode (`docs/enumeration.md` ENUM-4.3) instead of default mode (ENUM-4.2).
    pub check_package_definition_files: bool,
    /// rez `plugins.package_repository.filesystem.package_filenames`: file stems
    /// tried in order, each as `.py` then `.yaml` (ENUM-5.1). Any bytes but NUL, as rez takes
    /// any `str` (a name that is not UTF-8 is matched byte for byte, as `os.fsencode`
    /// gives it).
    pub package_filenames: Vec<OsString>,
    /// rez `allow_unversioned_packages` (ENUM-4.1, ENUM-6.2).
    pub allow_unversioned_packages: bool,
    /// The `disable_pkg_ignore` argument of rez's repository: `.ignore*` files have no
    /// effect (ENUM-4.2).
    pub disable_pkg_ignore: bool,
    /// rez `plugins.package_repository.filesystem.file_lock_dir` (any bytes, as
    /// `package_filenames`): the root name it reserves (ENUM-3.4).
    pub file_lock_dir: Option<OsString>,
    /// `None` lists every family of each root, as rez's `iter_package_families` (ENUM-3).
    /// `Some(names)` looks these families up by name instead, as a resolve does
    /// (rez's `get_package_family`, ENUM-7.1): the root is not listed; in each root, a
    /// directory `name` is the family, else the file `name.py`, else `name.yaml`.
    /// Lookup ignores the reserved names (`settings` finds `settings.yaml`, ENUM-7.2).
    pub families: Option<Vec<String>>,
    /// Which backend to run.
    pub backend: BackendChoice,
    /// The most filesystem operations in flight at once (threads for `std`).
    pub concurrency: usize,
    /// Whether problems fail the scan or are collected.
    pub on_problem: OnProblem,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            check_package_definition_files: false,
            package_filenames: vec!["package".into()],
            allow_unversioned_packages: true,
            disable_pkg_ignore: false,
            file_lock_dir: None,
            families: None,
            backend: BackendChoice::Auto,
            concurrency: ScanOptions::DEFAULT_CONCURRENCY,
            on_problem: OnProblem::Fail,
        }
    }
}

impl ScanOptions {
    /// The default bound on operations in flight.
    pub const DEFAULT_CONCURRENCY: usize = 64;
    /// The largest accepted `concurrency`.
    pub const MAX_CONCURRENCY: usize = 4096;

    /// Checks a bound on operations in flight (`concurrency`),
    /// given as a signed value, as callers from other languages may pass any integer.
    pub fn check_concurrency(concurrency: i64) -> Result<usize, ScanError> {
        match usize::try_from(concurrency) {
            Ok(n @ 1..=Self::MAX_CONCURRENCY) => Ok(n),
            _ => Err(ScanError::InvalidOption {
                option: "concurrency",
                reason: format!("{concurrency} is outside 1..={}", Self::MAX_CONCURRENCY),
            }),
        }
    }

    /// Checks every value as rez would, and returns the effective lock-dir name.
    pub(crate) fn validate(&self) -> Result<Option<&OsStr>, ScanError> {
        Self::check_concurrency(i64::try_from(self.concurrency).unwrap_or(i64::MAX))?;
        for stem in &self.package_filenames {
            if stem.as_encoded_bytes().contains(&0) {
                return Err(ScanError::InvalidOption {
                    option: "package_filenames",
                    reason: format!("{stem:?} contains a NUL byte"),
                });
            }
        }
        for name in self.families.iter().flatten() {
            if !crate::rules::is_valid_package_name(name.as_bytes()) {
                return Err(ScanError::InvalidOption {
                    option: "families",
                    reason: format!("{name:?} is not a valid rez package name"),
                });
            }
        }
        // rez: `if not dirname: return None`, then rejects absolute values and any
        // value whose basename differs from itself (it contains a separator): ENUM-3.4,
        // EDGE-7. rez raises only once it lists a root; the scanner rejects it up front.
        let lock = self.file_lock_dir.as_deref().filter(|d| !d.is_empty());
        if let Some(dir) = lock {
            let bytes = dir.as_encoded_bytes();
            let has_separator = bytes.contains(&b'/') || (cfg!(windows) && bytes.contains(&b'\\'));
            if has_separator || bytes.contains(&0) || std::path::Path::new(dir).is_absolute() {
                return Err(ScanError::InvalidOption {
                    option: "file_lock_dir",
                    reason: format!(
                        "{dir:?} must be a single relative directory name such as '.lock'"
                    ),
                });
            }
        }
        Ok(lock)
    }
}
