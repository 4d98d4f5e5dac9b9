//! A scan request from Python: the roots and the option values the Python layer resolved.

use std::ffi::OsString;
use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyrer_scanner::{BackendChoice, OnProblem, ScanOptions};

use crate::error::BindingError;
use crate::run::Request;

/// The options dict built by `pyrer._options.resolve` (every key present).
/// Strings are taken as `os.fsencode` gives them, so values that are not
/// UTF-8 (surrogate escapes) are accepted where rez accepts them and rejected
/// with a `ValueError` naming the option elsewhere.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub(crate) struct Options {
    check_package_definition_files: bool,
    package_filenames: Vec<OsString>,
    allow_unversioned_packages: bool,
    disable_pkg_ignore: bool,
    file_lock_dir: Option<OsString>,
    families: Option<Vec<OsString>>,
    backend: OsString,
    concurrency: Option<i64>,
}

/// Builds the request, and the root strings each package's `root` will share.
pub(crate) fn build(
    py: Python<'_>,
    paths: Vec<Bound<'_, PyString>>,
    options: Options,
) -> PyResult<(Request, Vec<Py<PyString>>)> {
    let mut roots = Vec::with_capacity(paths.len());
    for path in &paths {
        roots.push(
            path.extract::<PathBuf>()
                .map_err(|err| PyValueError::new_err(format!("paths: {}", err.value(py))))?,
        );
    }
    // A name that is not UTF-8 cannot be a backend's or a family's: the lossy
    // text fails their checks, and the error shows it.
    let backend = BackendChoice::parse(&options.backend.to_string_lossy())
        .map_err(BindingError::InvalidOption)?;
    let families = options.families.map(|names| {
        let text = names.iter().map(|n| n.to_string_lossy().into_owned());
        text.collect()
    });
    let options = ScanOptions {
        check_package_definition_files: options.check_package_definition_files,
        package_filenames: options.package_filenames,
        allow_unversioned_packages: options.allow_unversioned_packages,
        disable_pkg_ignore: options.disable_pkg_ignore,
        file_lock_dir: options.file_lock_dir,
        families,
        backend,
        concurrency: match options.concurrency {
            Some(n) => ScanOptions::check_concurrency(n).map_err(BindingError::InvalidOption)?,
            None => ScanOptions::DEFAULT_CONCURRENCY,
        },
        on_problem: OnProblem::Collect,
    };
    let strings = paths.into_iter().map(Bound::unbind).collect();
    Ok((
        Request {
            paths: roots,
            options,
        },
        strings,
    ))
}
