//! `scan_async`: the scan for asyncio. The scan runs on its own thread, which
//! hands the finished result to the Python layer's `settle` callback; no other
//! thread or runtime is involved, so every scan that starts settles its future.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::cancel::CancelToken;
use crate::convert::Converted;
use crate::error::BindingError;
use crate::request::{self, Options};
use crate::run;

/// Starts scanning `paths`; on the scan thread, once it is done, calls
/// `settle("ok", raw)` with the same tuple as `scan`, `settle("cancelled", None)`
/// once `cancel` stopped it, or `settle("error", exception)`. `settle` must
/// hand over to the event loop (`call_soon_threadsafe`). Raises, and never
/// calls `settle`, when the scan cannot start.
#[pyfunction]
pub(crate) fn scan_async(
    py: Python<'_>,
    paths: Vec<Bound<'_, PyString>>,
    options: Options,
    cancel: &CancelToken,
    settle: Py<PyAny>,
) -> PyResult<()> {
    let (request, roots) = request::build(py, paths, options)?;
    run::spawn(request, cancel.0.clone(), move |result| {
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
    Ok(())
}
