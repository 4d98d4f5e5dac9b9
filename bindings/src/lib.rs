//! `pyrer._native`: the Rust half of the Python package `pyrer` (see `python/pyrer`).
//!
//! The Python layer checks argument types, resolves options from rez's
//! configuration and applies `on_error`; this module runs scans without the
//! GIL and turns their results into Python objects.

mod args;
mod asyncio;
mod backends;
mod blocking;
mod callback;
mod cancel;
mod convert;
mod disk;
mod error;
mod load;
mod misread;
mod package;
mod prefetch;
mod records;
mod request;
mod run;
mod solve;
mod static_read;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // PEP 440 spelling of the crate version (1.1.0-dev.1 is the wheel 1.1.0.dev1).
    m.add(
        "__version__",
        env!("CARGO_PKG_VERSION").replace("-dev.", ".dev"),
    )?;
    m.add(
        "MAX_CONCURRENCY",
        pyrer_scanner::ScanOptions::MAX_CONCURRENCY,
    )?;
    m.add("REZ_REQUIRED", disk::REZ_REQUIRED)?;
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
    m.add_class::<package::PackageData>()?;
    m.add_class::<package::ResolvedVariant>()?;
    m.add_class::<solve::SolveResult>()?;
    m.add_function(wrap_pyfunction!(solve::solve, m)?)?;
    m.add_function(wrap_pyfunction!(load::load_packages, m)?)?;
    m.add_function(wrap_pyfunction!(static_read::parse_static_package_py, m)?)?;
    m.add_function(wrap_pyfunction!(static_read::parse_static_packages_py, m)?)?;
    Ok(())
}
