//! `prefetch`: reads package files concurrently, without the GIL, to warm the page cache.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Reads every file of `paths` on up to `concurrency` threads and returns
/// `(files_read, bytes_read, files_failed)`. Unreadable files are skipped.
#[pyfunction]
#[pyo3(signature = (paths, concurrency))]
pub(crate) fn prefetch(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    concurrency: i64,
) -> PyResult<(usize, u64, usize)> {
    let concurrency = pyrer_scanner::ScanOptions::check_concurrency(concurrency)
        .map_err(|err| PyValueError::new_err(err.to_string()))?;
    let done = py.detach(|| pyrer_scanner::prefetch_files(&paths, concurrency));
    Ok((done.files, done.bytes, done.failed))
}
