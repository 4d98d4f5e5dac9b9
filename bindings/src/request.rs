//! A scan request from Python: the roots and the option values the Python layer resolved.

use std::ffi::OsString;
use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyrer_scanner::{BackendChoice, OnProblem, ScanOptions};

use crate::args::optional;
use crate::error::BindingError;
use crate::run::Request;

/// Builds the request, and the root strings each package's `root` will share, from
/// the options dict that `pyrer._options.resolve` checked: a key left out (or None)
/// takes `ScanOptions::default()`'s value, so the defaults live there alone.
/// Strings are taken as `os.fsencode` gives them, so values that are not UTF-8
/// (surrogate escapes) are accepted where rez accepts them and rejected with a
/// `ValueError` naming the option elsewhere.
pub(crate) fn build(
    py: Python<'_>,
    paths: Vec<Bound<'_, PyString>>,
    options: &Bound<'_, PyDict>,
) -> PyResult<(Request, Vec<Py<PyString>>)> {
    let defaults = ScanOptions::default();
    macro_rules! option {
        ($name:ident) => {
            optional(
                options.get_item(stringify!($name))?.as_ref(),
                stringify!($name),
            )?
        };
    }
    let mut roots = Vec::with_capacity(paths.len());
    for path in &paths {
        roots.push(
            path.extract::<PathBuf>()
                .map_err(|err| PyValueError::new_err(format!("paths: {}", err.value(py))))?,
        );
    }
    // A name that is not UTF-8 cannot be a backend's or a family's: the lossy
    // text fails their checks, and the error shows it.
    let backend: Option<OsString> = option!(backend);
    let backend = match backend {
        Some(name) => {
            BackendChoice::parse(&name.to_string_lossy()).map_err(BindingError::InvalidOption)?
        }
        None => defaults.backend,
    };
    let families = option!(families).map(|names: Vec<OsString>| {
        let text = names.iter().map(|n| n.to_string_lossy().into_owned());
        text.collect()
    });
    let options = ScanOptions {
        check_package_definition_files: option!(check_package_definition_files)
            .unwrap_or(defaults.check_package_definition_files),
        package_filenames: option!(package_filenames).unwrap_or(defaults.package_filenames),
        allow_unversioned_packages: option!(allow_unversioned_packages)
            .unwrap_or(defaults.allow_unversioned_packages),
        disable_pkg_ignore: option!(disable_pkg_ignore).unwrap_or(defaults.disable_pkg_ignore),
        file_lock_dir: option!(file_lock_dir).or(defaults.file_lock_dir),
        families,
        backend,
        concurrency: match option!(concurrency) {
            Some(n) => ScanOptions::check_concurrency(n).map_err(BindingError::InvalidOption)?,
            None => defaults.concurrency,
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
