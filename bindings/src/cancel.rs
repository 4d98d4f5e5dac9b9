//! `CancelToken` for Python: how `scan_repo_async` stops its scan, and how
//! `pyrer scan` shows its progress.

use pyo3::prelude::*;

/// Asks a running scan to stop (the scan then ends with `asyncio.CancelledError`),
/// and shows how far it got.
#[pyclass(frozen, module = "pyrer._native", name = "CancelToken")]
#[derive(Default)]
pub(crate) struct CancelToken(pub(crate) pyrer_scanner::CancelToken);

#[pymethods]
impl CancelToken {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Asks every scan holding this token to stop.
    fn cancel(&self) {
        self.0.cancel()
    }

    /// Whether `cancel` was called.
    #[getter]
    fn cancelled(&self) -> bool {
        self.0.is_cancelled()
    }

    /// `(families_listed, families_total)`: the directory families of the roots
    /// listed so far, and how many the roots hold (both 0 until they are read).
    fn progress(&self) -> (usize, usize) {
        let progress = self.0.progress();
        (progress.families_listed, progress.families_total)
    }
}
