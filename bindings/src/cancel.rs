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

/// Cancels its token if dropped before `finish`, so that a scan whose
/// awaiting future was dropped does not run on unobserved.
pub(crate) struct CancelOnDrop(Option<pyrer_scanner::CancelToken>);

impl CancelOnDrop {
    pub(crate) fn new(token: pyrer_scanner::CancelToken) -> Self {
        CancelOnDrop(Some(token))
    }

    /// The scan ended: dropping no longer cancels.
    pub(crate) fn finish(mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(token) = &self.0 {
            token.cancel();
        }
    }
}
