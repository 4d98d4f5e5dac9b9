//! Property tests for `pyrer-scanner` (the tests themselves live in `tests/`).
//!
//! * [`tree`]: random repository trees and settings, materialised on disk.
//! * [`model`]: an independent reference model of rez 3.4.0's enumeration.
//! * [`rez`]: runs real rez through `tools/rez_enumerate.py`.
//! * [`record`]: the common record shape all three are compared in.
//!
//! Run with `cargo test -p pyrer-proptests --release`. The tests:
//!
//! | file | what | cases |
//! |---|---|---|
//! | `tests/backends.rs` | every backend x concurrency 1 / 64 return the same scan | 256, `PROPTEST_CASES` |
//! | `tests/model.rs` | scanner == reference model | 256, `PROPTEST_CASES` |
//! | `tests/large.rs` | thousands of entries, long names: every backend == model | 8, `PYRER_PROPTEST_LARGE_CASES` |
//! | `tests/rez.rs` | scanner == real rez (`tools/rez_enumerate.py`) | 48, `PYRER_PROPTEST_REZ_CASES` |
//! | `tests/settings.rs` | every `settings.yaml` content of [`tree::SETTINGS`] vs scanner and vs rez | all |
//!
//! Real rez runs with `$PYRER_REZ_PYTHON`, else `<workspace>/.venv/bin/python`;
//! without either the rez tests print `SKIPPED ...` to stderr and pass.
//! `PYRER_PROPTEST_KNOWN_BUGS=1` also generates the known scanner
//! disagreements listed in [`tree::KNOWN_SCANNER_BUGS`]. Failures are saved
//! next to each test as `tests/<name>.proptest-regressions` and replayed first.
#![cfg(unix)]

pub mod model;
pub mod record;
pub mod rez;
pub mod tree;

use std::path::{Path, PathBuf};

use pyrer_scanner::{scan_repo, BackendChoice, OnProblem, ScanOptions, ScanOutput};

use crate::model::ModelOptions;

/// Reads a positive integer from the environment.
pub fn env_u32(name: &str) -> Option<u32> {
    let value = std::env::var(name).ok()?;
    match value.trim().parse() {
        Ok(n) => Some(n),
        Err(_) => panic!("{name}={value:?} is not a number"),
    }
}

/// The scanner options equivalent to the model's settings.
pub fn scan_options(o: &ModelOptions, backend: BackendChoice, concurrency: usize) -> ScanOptions {
    ScanOptions {
        check_package_definition_files: o.check_package_definition_files,
        package_filenames: o.package_filenames.iter().map(Into::into).collect(),
        allow_unversioned_packages: o.allow_unversioned_packages,
        disable_pkg_ignore: o.disable_pkg_ignore,
        file_lock_dir: o.file_lock_dir.clone().map(Into::into),
        families: None,
        backend,
        concurrency,
        on_problem: OnProblem::Collect,
    }
}

/// Runs the scanner with problems collected.
pub fn scan(
    roots: &[PathBuf],
    o: &ModelOptions,
    backend: BackendChoice,
    concurrency: usize,
) -> Result<ScanOutput, String> {
    scan_repo(roots, &scan_options(o, backend, concurrency))
        .map_err(|e| format!("scan_repo({backend:?}, concurrency {concurrency}) failed: {e}"))
}

/// The workspace root (parent of this crate).
pub fn workspace_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}
