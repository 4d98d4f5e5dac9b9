//! Runs one scan on a thread of its own, so that the caller can wait for it
//! without the GIL, notice signals or cancellation meanwhile, and never see a panic.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Once;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pyrer_scanner::{scan_repo_cancellable, CancelToken, ScanError, ScanOptions, ScanOutput};

use crate::error::BindingError;

/// What to scan: the roots and the options, already checked for their types.
#[derive(Clone)]
pub(crate) struct Request {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) options: ScanOptions,
}

/// A finished scan: everything found (problems included) and how long it took.
pub(crate) struct Outcome {
    pub(crate) output: ScanOutput,
    pub(crate) elapsed: Duration,
}

/// Starts `request` on a new thread, which hands its result to `done` and exits.
pub(crate) fn spawn(
    request: Request,
    cancel: CancelToken,
    done: impl FnOnce(Result<Outcome, BindingError>) + Send + 'static,
) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("pyrer-scan".to_string())
        .spawn(move || done(run(&request, &cancel)))
}

/// Runs `request` on the calling thread.
pub(crate) fn run(request: &Request, cancel: &CancelToken) -> Result<Outcome, BindingError> {
    quiet_panics();
    guarded(|| scan_repo_cancellable(&request.paths, &request.options, cancel))
}

/// Keeps panics off stderr: every panic of a scan is caught (`guarded`) and raised
/// in Python as `pyrer.InternalError` with the panic's message, so Rust's report
/// and backtrace would only be noise in the user's terminal. The hook is this
/// extension's own (its Rust runtime is not shared with other extensions).
fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}

/// Runs `scan`, sorting its outcome into a result and its panic, if any, into an error.
pub(crate) fn guarded(
    scan: impl FnOnce() -> Result<ScanOutput, ScanError>,
) -> Result<Outcome, BindingError> {
    let start = Instant::now();
    let output = match catch_unwind(AssertUnwindSafe(scan)) {
        Ok(Ok(output)) => output,
        // Problems are part of the result; the Python layer applies `on_error`.
        Ok(Err(ScanError::Problems { partial, .. })) => *partial,
        Ok(Err(err @ ScanError::InvalidOption { .. })) => {
            return Err(BindingError::InvalidOption(err))
        }
        Ok(Err(err @ ScanError::InvalidPath { .. })) => return Err(BindingError::InvalidPath(err)),
        Ok(Err(err @ ScanError::BackendUnavailable { .. })) => {
            return Err(BindingError::BackendUnavailable(err))
        }
        Ok(Err(ScanError::Cancelled)) => return Err(BindingError::Cancelled),
        Err(panic) => return Err(BindingError::Panicked(panic_message(panic.as_ref()))),
    };
    Ok(Outcome {
        output,
        elapsed: start.elapsed(),
    })
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_scan_is_an_error() {
        let err = guarded(|| panic!("boom")).err();
        assert!(matches!(err, Some(BindingError::Panicked(m)) if m == "boom"));
        let err = guarded(|| panic!("{}", String::from("formatted"))).err();
        assert!(matches!(err, Some(BindingError::Panicked(m)) if m == "formatted"));
    }

    #[test]
    fn problems_are_a_result_and_cancellation_an_error() {
        let output = ScanOutput {
            packages: Vec::new(),
            families: Vec::new(),
            problems: Vec::new(),
            absent_roots: Vec::new(),
            backend: pyrer_scanner::Backend::Std,
            fallback_reason: None,
        };
        let partial = Box::new(output.clone());
        let outcome = guarded(|| {
            Err(ScanError::Problems {
                problems: Vec::new(),
                partial,
            })
        });
        assert!(outcome.is_ok_and(|o| o.output == output));
        let err = guarded(|| Err(ScanError::Cancelled)).err();
        assert!(matches!(err, Some(BindingError::Cancelled)));
    }
}
