//! `scan_async`: the scan for asyncio. The scan runs on its own thread, which
//! hands the finished result to the Python layer's `settle` callback; no other
//! thread or runtime is involved, so every scan that starts settles its future.

use std::sync::Mutex;
use std::thread::JoinHandle;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::cancel::CancelToken;
use crate::convert::Converted;
use crate::error::BindingError;
use crate::request;
use crate::run;

/// Starts scanning `paths`; on the scan thread, once it is done, calls
/// `settle("ok", raw)` with the same tuple as `scan`, `settle("cancelled", None)`
/// once `cancel` stopped it, or `settle("error", exception)`. `settle` must
/// hand over to the event loop (`call_soon_threadsafe`), where the returned
/// `ScanThread` is joined before the future is settled. Raises, and never calls
/// `settle`, when the scan cannot start.
#[pyfunction]
pub(crate) fn scan_async(
    py: Python<'_>,
    paths: Vec<Bound<'_, PyString>>,
    options: Bound<'_, PyDict>,
    cancel: &CancelToken,
    settle: Py<PyAny>,
) -> PyResult<ScanThread> {
    let (request, roots) = request::build(py, paths, &options)?;
    let handle = run::spawn(request, cancel.0.clone(), move |result| {
        Python::attach(|py| {
            let (how, value) = match result {
                Ok(outcome) => match (Converted { outcome, roots }).into_pyobject(py) {
                    Ok(raw) => ("ok", raw.into_any().unbind()),
                    Err(err) => ("error", err.into_value(py).into_any()),
                },
                Err(BindingError::Cancelled) => ("cancelled", py.None()),
                Err(err) => ("error", PyErr::from(err).into_value(py).into_any()),
            };
            if let Err(err) = settle.call1(py, (how, value)) {
                err.write_unraisable(py, None);
            }
        })
    })
    .map_err(BindingError::Spawn)?;
    Ok(ScanThread(Mutex::new(Some(handle))))
}

/// The thread of an async scan: joined once it has handed over its result, so
/// that no thread of a scan outlives the settling of its future.
#[pyclass(frozen, module = "pyrer._native")]
pub(crate) struct ScanThread(Mutex<Option<JoinHandle<()>>>);

#[pymethods]
impl ScanThread {
    /// Waits (without the GIL) for the thread to exit; it has finished its work.
    fn join(&self, py: Python<'_>) {
        let handle = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(handle) = handle {
            // The thread catches every panic of the scan: it cannot end in one.
            let _ = py.detach(|| handle.join());
        }
    }
}
