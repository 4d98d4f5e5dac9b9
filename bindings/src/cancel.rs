//! `CancelToken` for Python: how `scan_repo_async` stops its scan.

use pyo3::prelude::*;

/// Asks a running scan to stop; the scan then ends with `asyncio.CancelledError`.
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
}
