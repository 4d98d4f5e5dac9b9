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
mod driver;
mod error;
mod load;
mod package;
mod records;
mod request;
mod run;
mod solve;
mod static_read;

use std::sync::OnceLock;

use pyo3::prelude::*;

/// The running interpreter's version: rez `exec`s package files with its grammar,
/// so the static reader reads them with it. Set when the module is imported.
static PYTHON: OnceLock<pyrer_reader::PythonVersion> = OnceLock::new();

pub(crate) fn python_version() -> pyrer_reader::PythonVersion {
    *PYTHON
        .get()
        .expect("the interpreter's version is set on import")
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let version = m.py().version_info();
    PYTHON.get_or_init(|| pyrer_reader::PythonVersion {
        major: version.major,
        minor: version.minor,
    });
    // PEP 440 spelling of the crate version (1.1.0-dev.1 is the wheel 1.1.0.dev1).
    m.add(
        "__version__",
        env!("CARGO_PKG_VERSION").replace("-dev.", ".dev"),
    )?;
    m.add(
        "DEFAULT_CONCURRENCY",
        pyrer_scanner::ScanOptions::DEFAULT_CONCURRENCY,
    )?;
    m.add(
        "MAX_CONCURRENCY",
        pyrer_scanner::ScanOptions::MAX_CONCURRENCY,
    )?;
    m.add("REZ_REQUIRED", disk::REZ_REQUIRED)?;
    m.add("REZ_DEFAULTS", rez_defaults(m.py())?)?;
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
    m.add_class::<package::PackageData>()?;
    m.add_class::<package::ResolvedVariant>()?;
    m.add_class::<solve::SolveResult>()?;
    for function in [
        wrap_pyfunction!(blocking::scan, m)?,
        wrap_pyfunction!(records::problems_message, m)?,
        wrap_pyfunction!(asyncio::scan_async, m)?,
        wrap_pyfunction!(backends::backends, m)?,
        wrap_pyfunction!(solve::solve, m)?,
        wrap_pyfunction!(load::load_packages, m)?,
        wrap_pyfunction!(static_read::parse_static_package_py, m)?,
        wrap_pyfunction!(static_read::parse_static_packages_py, m)?,
    ] {
        m.add_function(function)?;
    }
    Ok(())
}

/// rez 3.4.0's values of the scan options rez configures (`ScanOptions::default`), as
/// keyword arguments that set them explicitly: `file_lock_dir` is `""` (none, as rez
/// treats an empty value), because `None` means "from rez's configuration" in Python.
fn rez_defaults(py: Python<'_>) -> PyResult<Bound<'_, pyo3::types::PyDict>> {
    let defaults = pyrer_scanner::ScanOptions::default();
    let dict = pyo3::types::PyDict::new(py);
    dict.set_item(
        "check_package_definition_files",
        defaults.check_package_definition_files,
    )?;
    let filenames: Vec<String> = defaults
        .package_filenames
        .iter()
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    dict.set_item("package_filenames", filenames)?;
    dict.set_item(
        "allow_unversioned_packages",
        defaults.allow_unversioned_packages,
    )?;
    let lock_dir = defaults
        .file_lock_dir
        .map(|dir| dir.to_string_lossy().into_owned())
        .unwrap_or_default();
    dict.set_item("file_lock_dir", lock_dir)?;
    Ok(dict)
}
