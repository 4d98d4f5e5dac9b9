//! `pyrer._native`: the Rust half of the Python package `pyrer` (see `python/pyrer`).
//!
//! The Python layer checks argument types, resolves options from rez's
//! configuration and applies `on_error`; this module runs scans without the
//! GIL and turns their results into Python objects.

mod asyncio;
mod backends;
mod blocking;
mod cancel;
mod convert;
mod error;
mod prefetch;
mod records;
mod request;
mod run;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Async scans run on threads of their own; the runtime only waits for them
    // and hands results to the event loop, so one thread of each kind is plenty.
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    runtime
        .worker_threads(1)
        .max_blocking_threads(1)
        .thread_name("pyrer-async");
    pyo3_async_runtimes::tokio::init(runtime);

    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "MAX_CONCURRENCY",
        pyrer_scanner::ScanOptions::MAX_CONCURRENCY,
    )?;
    m.add(
        "BackendUnavailableError",
        m.py().get_type::<error::BackendUnavailableError>(),
    )?;
    m.add("ResourceError", m.py().get_type::<error::ResourceError>())?;
    m.add("InternalError", m.py().get_type::<error::InternalError>())?;
    m.add_class::<records::ScannedPackage>()?;
    m.add_class::<records::Problem>()?;
    m.add_class::<cancel::CancelToken>()?;
    m.add_class::<asyncio::ScanThread>()?;
    m.add_function(wrap_pyfunction!(blocking::scan, m)?)?;
    m.add_function(wrap_pyfunction!(asyncio::scan_async, m)?)?;
    m.add_function(wrap_pyfunction!(backends::backends, m)?)?;
    m.add_function(wrap_pyfunction!(prefetch::prefetch, m)?)?;
    Ok(())
}
