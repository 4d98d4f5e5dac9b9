//! `parse_static_package_py(s)`: pyrer 1.0.0rc3's static reader API, answered by
//! the static reader, so a value is returned only where rez would load the same.

use std::path::PathBuf;

use pyo3::exceptions::PyUnicodeEncodeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::args::arg;
use crate::package::PackageData;
use pyrer_reader::quiet;

/// The package's solver data if `source` is a package.py that the static reader
/// can take exactly as rez would load it (from `ROOT/<name>/<version>/`, the
/// name and version the file itself sets, with no other file beside it); None
/// where rez must evaluate it. A `str` that is not Unicode (a lone surrogate) is
/// the text of no file rez could load, so it is None too.
#[pyfunction]
pub(crate) fn parse_static_package_py(source: &Bound<'_, PyAny>) -> PyResult<Option<PackageData>> {
    let source: Bound<'_, PyString> = arg(source, "source")?;
    match source.to_cow() {
        Ok(text) => Ok(read(text.as_bytes())),
        Err(err) if err.is_instance_of::<PyUnicodeEncodeError>(source.py()) => Ok(None),
        Err(err) => Err(err),
    }
}

/// `parse_static_package_py` of each file of `paths`, read concurrently through
/// the read queue with the GIL released; the list is aligned with `paths`, None
/// for a file that cannot be read or read statically (a path the filesystem
/// encoding cannot encode, such as a `str` with a lone surrogate, names no file).
#[pyfunction]
pub(crate) fn parse_static_packages_py(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
) -> PyResult<Vec<Option<PackageData>>> {
    let items: Vec<Bound<'_, PyAny>> = arg(paths, "paths")?;
    let paths = items
        .iter()
        .map(|item| match arg::<PathBuf>(item, "paths") {
            Ok(path) => Ok(Some(path)),
            Err(err) if err.is_instance_of::<PyUnicodeEncodeError>(py) => Ok(None),
            Err(err) => Err(err),
        })
        .collect::<PyResult<Vec<Option<PathBuf>>>>()?;
    // Through the read queue, as every package file pyrer reads.
    let queue = pyrer_loader::ReadQueue::global();
    Ok(py.detach(|| {
        queue
            .map(paths, |path| {
                let source = path.and_then(|path| std::fs::read(path).ok());
                source.and_then(|bytes| read(&bytes))
            })
            .into_iter()
            .map(Option::flatten)
            .collect()
    }))
}

fn read(source: &[u8]) -> Option<PackageData> {
    let python = crate::python_version();
    let (name, version, package) = quiet::catch(|| pyrer_reader::read_standalone(source, python))
        .ok()?
        .ok()?;
    Some(PackageData {
        name,
        version,
        requires: package.requires,
        variants: package.variants,
    })
}
