//! The immutable value types handed to Python: `ScannedPackage` and `Problem`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple, PyType};

/// The `#[pymethods]` of an immutable value class: the class's own methods, then
/// `__repr__`, `__eq__`, `__hash__` and `__reduce__`, all over its `fields()` tuple
/// (in `__match_args__` order), the same for every value class.
macro_rules! value_pymethods {
    (impl $class:ident { $($own:tt)* }) => {
        #[pymethods]
        impl $class {
            $($own)*

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                repr(
                    stringify!($class),
                    &Self::__match_args__().into_pyobject(py)?,
                    &self.fields(py)?,
                )
            }

            fn __eq__(&self, other: &Self, py: Python<'_>) -> PyResult<bool> {
                self.fields(py)?.eq(other.fields(py)?)
            }

            fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
                self.fields(py)?.hash()
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
                Ok((slf.get_type(), slf.get().fields(slf.py())?))
            }
        }
    };
}

/// One package as rez's filesystem repository would surface it.
///
/// Immutable, hashable and picklable; equal when all fields are equal. Names and
/// paths that are not UTF-8 hold surrogate escapes, exactly as `os.fsdecode`
/// gives them, so `os.fsencode(pkg.path)` is the path on disk.
#[pyclass(frozen, module = "pyrer", name = "ScannedPackage")]
pub(crate) struct ScannedPackage {
    /// The family name.
    #[pyo3(get)]
    pub(crate) family: Py<PyString>,
    /// The version directory name exactly as on disk; None for unversioned and combined packages.
    #[pyo3(get)]
    pub(crate) version: Option<Py<PyString>>,
    /// 'py' or 'yaml': the package file's format; None where rez would find no package file.
    #[pyo3(get)]
    pub(crate) format: Option<Py<PyString>>,
    /// The package file, or the package directory where there is no file.
    #[pyo3(get)]
    pub(crate) path: Py<PyString>,
    /// 'versioned', 'unversioned' or 'combined' (ROOT/family.py: versions live inside the file).
    #[pyo3(get)]
    pub(crate) kind: Py<PyString>,
    /// The repository root this package was found under, as given to the scan.
    #[pyo3(get)]
    pub(crate) root: Py<PyString>,
}

const KINDS: [&str; 3] = ["versioned", "unversioned", "combined"];
const FORMATS: [&str; 2] = ["py", "yaml"];

value_pymethods! {
impl ScannedPackage {
    #[new]
    #[pyo3(signature = (family, version, format, path, kind, root))]
    fn new(
        family: Bound<'_, PyString>,
        version: Option<Bound<'_, PyString>>,
        format: Option<Bound<'_, PyString>>,
        path: Bound<'_, PyString>,
        kind: Bound<'_, PyString>,
        root: Bound<'_, PyString>,
    ) -> PyResult<Self> {
        one_of("kind", &kind, &KINDS)?;
        if let Some(format) = &format {
            one_of("format", format, &FORMATS)?;
        }
        Ok(ScannedPackage {
            family: family.unbind(),
            version: version.map(Bound::unbind),
            format: format.map(Bound::unbind),
            path: path.unbind(),
            kind: kind.unbind(),
            root: root.unbind(),
        })
    }

    #[classattr]
    fn __match_args__() -> (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ) {
        ("family", "version", "format", "path", "kind", "root")
    }

}
}

impl ScannedPackage {
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.family.bind(py),
            self.version.as_ref().map(|v| v.bind(py)),
            self.format.as_ref().map(|f| f.bind(py)),
            self.path.bind(py),
            self.kind.bind(py),
            self.root.bind(py),
        )
            .into_pyobject(py)
    }
}

/// Something the scan could not read (where rez would raise, or silently skip
/// an entry). Immutable, hashable and picklable.
#[pyclass(frozen, module = "pyrer", name = "Problem")]
pub(crate) struct Problem {
    /// The path the failed operation was about.
    #[pyo3(get)]
    pub(crate) path: Py<PyString>,
    /// What was being done: 'canonicalize', 'opendir', 'readdir', 'stat' or 'settings'.
    #[pyo3(get)]
    pub(crate) operation: Py<PyString>,
    /// The OS error number (see the errno module), or None.
    #[pyo3(get)]
    pub(crate) errno: Option<i32>,
    /// A human-readable reason.
    #[pyo3(get)]
    pub(crate) message: Py<PyString>,
}

value_pymethods! {
impl Problem {
    #[new]
    #[pyo3(signature = (path, operation, errno, message))]
    fn new(
        path: Bound<'_, PyString>,
        operation: Bound<'_, PyString>,
        errno: Option<i32>,
        message: Bound<'_, PyString>,
    ) -> Self {
        Problem {
            path: path.unbind(),
            operation: operation.unbind(),
            errno,
            message: message.unbind(),
        }
    }

    #[classattr]
    fn __match_args__() -> (&'static str, &'static str, &'static str, &'static str) {
        ("path", "operation", "errno", "message")
    }

    /// 'operation path: message', as in the scanner's messages: control
    /// characters and undecodable bytes of path and message shown as `\xNN`.
    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        let path: std::ffi::OsString = self.path.bind(py).extract()?;
        let message = self.message.bind(py).to_string_lossy();
        let operation = self.operation.bind(py).to_string_lossy();
        Ok(pyrer_scanner::problem_line(
            &operation,
            path.as_encoded_bytes(),
            &message,
        ))
    }

}
}

impl Problem {
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.path.bind(py),
            self.operation.bind(py),
            self.errno,
            self.message.bind(py),
        )
            .into_pyobject(py)
    }
}

/// `Name(field=repr, ...)`.
fn repr(name: &str, names: &Bound<'_, PyTuple>, fields: &Bound<'_, PyTuple>) -> PyResult<String> {
    let mut out = format!("{name}(");
    for (i, (field, value)) in names.iter().zip(fields.iter()).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("{field}={}", value.repr()?));
    }
    out.push(')');
    Ok(out)
}

fn one_of(argument: &str, value: &Bound<'_, PyString>, allowed: &[&str]) -> PyResult<()> {
    if allowed
        .iter()
        .any(|a| value.to_cow().is_ok_and(|v| v == *a))
    {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!(
            "{argument} must be one of {allowed:?}, not {}",
            value.repr()?
        )))
    }
}

/// The message of a `ScanError` over `problems` (the scanner's own wording).
#[pyfunction]
pub(crate) fn problems_message(problems: Vec<Bound<'_, PyAny>>) -> PyResult<String> {
    let lines = problems
        .iter()
        .map(|problem| Ok(problem.str()?.to_string_lossy().into_owned()))
        .collect::<PyResult<Vec<String>>>()?;
    Ok(pyrer_scanner::problems_message(&lines))
}
