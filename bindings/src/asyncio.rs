//! `scan_async`: the scan as an asyncio awaitable. The scan runs on its own
//! thread; the event loop only receives the finished result.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::cancel::{CancelOnDrop, CancelToken};
use crate::convert::Converted;
use crate::error::BindingError;
use crate::request::{self, Options};
use crate::run;

/// Starts scanning `paths` and returns an asyncio future of the same tuple as
/// `scan`. Cancelling `cancel` (or dropping the future) stops the scan, which
/// then ends with `asyncio.CancelledError`. Must be called from a coroutine.
#[pyfunction]
pub(crate) fn scan_async<'py>(
    py: Python<'py>,
    paths: Vec<Bound<'py, PyString>>,
    options: Options,
    cancel: &CancelToken,
) -> PyResult<Bound<'py, PyAny>> {
    let (request, roots) = request::build(py, paths, options)?;
    let token = cancel.0.clone();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let guard = CancelOnDrop::new(token.clone());
        let (tx, rx) = futures::channel::oneshot::channel();
        let handle = run::spawn(request, token, move |result| {
            // The receiver is gone only when the future was dropped.
            let _ = tx.send(result);
        })?;
        let result = rx.await.unwrap_or(Err(BindingError::Lost));
        // The thread has sent its result and is exiting: this returns at once.
        let _ = handle.join();
        guard.finish();
        Ok(Converted {
            outcome: result?,
            roots,
        })
    })
}
