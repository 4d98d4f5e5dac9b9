//! `parse_static_package_py(s)`: pyrer 1.0.0rc3's static reader API, answered by
//! the static reader, so a value is returned only where rez would load the same.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// `parse_static_package_py` of each file of `paths`, read concurrently with the
/// GIL released; the list is aligned with `paths`, None for a file that cannot
/// be read or read statically (a path the filesystem encoding cannot encode,
/// such as a `str` with a lone surrogate, names no file).
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
    Ok(py.detach(|| {
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(index) else {
                    return done;
                };
                let source = path.as_ref().and_then(|path| std::fs::read(path).ok());
                done.push((index, source.and_then(|b| read(&b))));
            }
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut results: Vec<Option<PackageData>> = vec![None; paths.len()];
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads.min(paths.len()))
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
                .collect();
            // This thread works too, so the batch finishes even if no helper started.
            let mut done = work();
            for helper in helpers {
                done.extend(helper.join().unwrap_or_default());
            }
            for (index, result) in done {
                results[index] = result;
            }
        });
        results
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
