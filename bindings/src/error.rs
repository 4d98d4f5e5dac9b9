//! Why a scan started from Python failed, and the Python exception each reason becomes.

use pyo3::exceptions::asyncio::CancelledError;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::PyErr;
use pyrer_scanner::ScanError;

pyo3::create_exception!(
    pyrer,
    BackendUnavailableError,
    PyOSError,
    "The requested backend cannot run on this host (see pyrer.backends() for why)."
);

pyo3::create_exception!(
    pyrer,
    ResourceError,
    PyOSError,
    "The scan could not get an OS resource it needs, such as a thread (errno is the OS's: \
     EAGAIN where threads are exhausted)."
);

pyo3::create_exception!(
    pyrer,
    InternalError,
    PyRuntimeError,
    "A bug in pyrer: the scanner panicked. The message is the panic's; please report it."
);

/// A scan that produced no result. (Problems are not failures here: the
/// Python layer decides, from `on_error`, whether they raise.)
#[derive(Debug, thiserror::Error)]
pub(crate) enum BindingError {
    /// An option value the scanner rejects; the message names the argument.
    #[error("{0}")]
    InvalidOption(ScanError),
    /// A root that cannot be a path at all.
    #[error("paths: {0}")]
    InvalidPath(ScanError),
    /// The requested backend cannot run on this host.
    #[error("{0}")]
    BackendUnavailable(ScanError),
    /// The scan's `CancelToken` was cancelled.
    #[error("scan cancelled")]
    Cancelled,
    /// A bug: the scanner panicked. The panic was caught on the scan thread.
    #[error("pyrer internal error: the scan panicked: {0}")]
    Panicked(String),
    /// A bug: loading the scanned packages panicked. The panic was caught.
    #[error("pyrer internal error: loading the packages panicked: {0}")]
    LoadPanicked(String),
    /// A bug: the scan thread ended without handing over a result.
    #[error("pyrer internal error: the scan thread ended without a result")]
    Lost,
    /// A bug: the scanner's result names a root the request did not have.
    #[error("pyrer internal error: an entry of root #{0}, beyond the roots given")]
    UnknownRoot(usize),
    /// The scan thread could not be started.
    #[error("could not start a scan thread: {0}")]
    Spawn(#[from] std::io::Error),
}

impl From<BindingError> for PyErr {
    fn from(err: BindingError) -> PyErr {
        let message = err.to_string();
        match err {
            BindingError::InvalidOption(_) | BindingError::InvalidPath(_) => {
                PyValueError::new_err(message)
            }
            BindingError::BackendUnavailable(_) => BackendUnavailableError::new_err(message),
            BindingError::Cancelled => CancelledError::new_err(message),
            BindingError::Panicked(_)
            | BindingError::LoadPanicked(_)
            | BindingError::Lost
            | BindingError::UnknownRoot(_) => InternalError::new_err(message),
            // OSError(errno, strerror) sets `.errno`, as for any OS error.
            BindingError::Spawn(io) => match io.raw_os_error() {
                Some(errno) => ResourceError::new_err((errno, message)),
                None => ResourceError::new_err(message),
            },
        }
    }
}
