//! `scan`: the blocking scan. The GIL is released for the whole filesystem walk;
//! Ctrl-C (any signal handler that raises) cancels the scan.

use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyrer_scanner::CancelToken;

use crate::convert::Converted;
use crate::error::BindingError;
use crate::request;
use crate::run;

/// How often a waiting scan lets Python run its signal handlers.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Scans `paths` and returns `(packages, problems, backend, fallback_reason,
/// scan_seconds, convert_seconds)`. Cancelling `cancel` from another thread
/// stops the scan, which then raises `asyncio.CancelledError`.
#[pyfunction]
#[pyo3(signature = (paths, options, cancel=None))]
pub(crate) fn scan(
    py: Python<'_>,
    paths: Vec<Bound<'_, PyString>>,
    options: Bound<'_, PyDict>,
    cancel: Option<&crate::cancel::CancelToken>,
) -> PyResult<Converted> {
    let (request, roots) = request::build(py, paths, &options)?;
    let cancel = cancel.map_or_else(CancelToken::new, |token| token.0.clone());
    let (tx, rx) = sync_channel(1);
    let spawned = run::spawn(request.clone(), cancel.clone(), move |result| {
        // The receiver is gone only when the caller stopped waiting (a signal).
        let _ = tx.send(result);
    });
    let handle = match spawned {
        Ok(handle) => handle,
        // No thread to be had: scan on this one (without the GIL, but deaf to
        // signals until it is done), as rez itself would.
        Err(_) => {
            let result = py.detach(|| run::run(&request, &cancel));
            return Ok(Converted {
                outcome: result?,
                roots,
            });
        }
    };
    let waited = py.detach(move || loop {
        match rx.recv_timeout(SIGNAL_POLL) {
            Ok(result) => return Ok(result),
            Err(RecvTimeoutError::Timeout) => Python::attach(|py| py.check_signals())?,
            Err(RecvTimeoutError::Disconnected) => return Ok(Err(BindingError::Lost)),
        }
    });
    let result = match waited {
        Ok(result) => result,
        Err(signal_error) => {
            cancel.cancel();
            // The scan stops promptly; wait so it leaves no thread or fd behind.
            let _ = py.detach(|| handle.join());
            return Err(signal_error);
        }
    };
    // The thread has sent its result and is exiting: this returns at once.
    let _ = py.detach(|| handle.join());
    Ok(Converted {
        outcome: result?,
        roots,
    })
}
