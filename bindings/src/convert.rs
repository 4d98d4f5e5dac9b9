//! Turns a finished scan into Python objects: the only part of a scan that holds the GIL.

use std::time::Instant;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use crate::error::BindingError;
use crate::records::{Problem, ScannedPackage};
use crate::run::Outcome;

/// A finished scan with the Python strings of its roots (each package's `root`).
///
/// Becomes the tuple `(packages, problems, backend, fallback_reason,
/// scan_seconds, convert_seconds, families, absent_roots)` that the Python layer wraps in a `ScanResult`.
pub(crate) struct Converted {
    pub(crate) outcome: Outcome,
    pub(crate) roots: Vec<Py<PyString>>,
}

impl<'py> IntoPyObject<'py> for Converted {
    type Target = PyTuple;
    type Output = Bound<'py, PyTuple>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let start = Instant::now();
        let output = self.outcome.output;
        let mut names = Names::default();
        let packages = packages(py, &output.packages, &self.roots, &mut names)?;
        let problems = problems(py, &output.problems, &mut names)?;
        let families = families(py, &output.families, &self.roots, &mut names)?;
        let absent_roots = absent_roots(py, &output.absent_roots, &self.roots)?;
        (
            packages,
            problems,
            output.backend.as_str(),
            output.fallback_reason,
            self.outcome.elapsed.as_secs_f64(),
            start.elapsed().as_secs_f64(),
            families,
            absent_roots,
        )
            .into_pyobject(py)
    }
}

fn packages<'py>(
    py: Python<'py>,
    packages: &[pyrer_scanner::ScannedPackage],
    roots: &[Py<PyString>],
    names: &mut Names<'py>,
) -> PyResult<Bound<'py, PyList>> {
    let mut items = Vec::with_capacity(packages.len());
    // Packages come sorted by root then family: consecutive ones share the family string.
    let mut family: Option<(&str, Bound<'py, PyString>)> = None;
    for package in packages {
        let family_str = match &family {
            Some((name, string)) if *name == package.family => string.clone(),
            _ => {
                let string = PyString::new(py, &package.family);
                family = Some((&package.family, string.clone()));
                string
            }
        };
        let root = root_string(roots, package.root_index)?;
        let record = ScannedPackage {
            family: family_str.unbind(),
            version: package
                .version
                .as_deref()
                .map(|v| v.into_pyobject(py).map(Bound::unbind))
                .transpose()?,
            format: package
                .format
                .map(|f| names.get(py, f.extension()).unbind()),
            path: package.path.as_os_str().into_pyobject(py)?.unbind(),
            kind: names.get(py, package.kind.as_str()).unbind(),
            root: root.clone_ref(py),
        };
        items.push(untracked(Bound::new(py, record)?));
    }
    PyList::new(py, items)
}

/// Families as plain `(name, path, format, root)` tuples (the Python layer names them).
fn families<'py>(
    py: Python<'py>,
    families: &[pyrer_scanner::ScannedFamily],
    roots: &[Py<PyString>],
    names: &mut Names<'py>,
) -> PyResult<Bound<'py, PyList>> {
    let items = families.iter().map(|family| {
        let root = root_string(roots, family.root_index)?.bind(py);
        let format = family.format.map(|f| names.get(py, f.extension()));
        (family.name.as_str(), family.path.as_os_str(), format, root).into_pyobject(py)
    });
    PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
}

/// Absent roots as plain `(root, reason, message)` tuples (the Python layer names
/// them `AbsentRoot`), for `scan` and `load_packages` alike.
pub(crate) fn absent_roots<'py>(
    py: Python<'py>,
    absent: &[pyrer_scanner::AbsentRoot],
    roots: &[Py<PyString>],
) -> PyResult<Bound<'py, PyList>> {
    let items = absent.iter().map(|root| {
        let string = root_string(roots, root.root_index)?.bind(py);
        let path: std::ffi::OsString = string.extract()?;
        let message = pyrer_scanner::absent_root_line(path.as_encoded_bytes(), root.absence);
        (string, root.absence.as_str(), message).into_pyobject(py)
    });
    PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
}

/// The string of the root an entry was found under.
fn root_string(roots: &[Py<PyString>], index: usize) -> Result<&Py<PyString>, BindingError> {
    roots.get(index).ok_or(BindingError::UnknownRoot(index))
}

/// Takes a record out of the cycle collector's view. Records hold only
/// strings (and ints), so they can never be part of a reference cycle, and
/// tens of thousands of tracked ones would make every full collection
/// traverse them (and the conversion itself trigger collections).
fn untracked<T>(record: Bound<'_, T>) -> Bound<'_, T> {
    // SAFETY: `record` is a live, GC-tracked object (every pyclass is) that we
    // own; untracking an object with no cycles is always sound, and PyO3's
    // dealloc untracks again, which is a no-op for an untracked object.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(record.as_ptr().cast()) };
    record
}

pub(crate) fn problems<'py>(
    py: Python<'py>,
    problems: &[pyrer_scanner::Problem],
    names: &mut Names<'py>,
) -> PyResult<Bound<'py, PyList>> {
    let mut items = Vec::with_capacity(problems.len());
    for problem in problems {
        let record = Problem {
            path: problem.path.as_os_str().into_pyobject(py)?.unbind(),
            operation: names.get(py, problem.operation.as_str()).unbind(),
            errno: problem.errno,
            message: PyString::new(py, &problem.message).unbind(),
        };
        items.push(untracked(Bound::new(py, record)?));
    }
    PyList::new(py, items)
}

/// One Python string per distinct `&'static str` name (kinds, formats,
/// operations), shared by every record of a conversion.
#[derive(Default)]
pub(crate) struct Names<'py>(Vec<(&'static str, Bound<'py, PyString>)>);

impl<'py> Names<'py> {
    pub(crate) fn get(&mut self, py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
        if let Some((_, string)) = self.0.iter().find(|(known, _)| *known == name) {
            return string.clone();
        }
        let string = PyString::intern(py, name);
        self.0.push((name, string.clone()));
        string
    }
}
