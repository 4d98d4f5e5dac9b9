//! Argument extraction whose `TypeError`s start `argument 'name': `, as PyPI pyrer
//! 1.0.0rc3's (PyO3 0.23) did; PyO3 0.30 puts the name in a note instead.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// `obj` as a `T`; a `TypeError` names the argument (other errors pass unchanged).
pub(crate) fn arg<'a, 'py, T>(obj: &'a Bound<'py, PyAny>, name: &str) -> PyResult<T>
where
    T: FromPyObject<'a, 'py>,
    T::Error: Into<PyErr>,
{
    obj.extract::<T>().map_err(|err| {
        let err: PyErr = err.into();
        let py = obj.py();
        if err.is_instance_of::<PyTypeError>(py) {
            PyTypeError::new_err(format!("argument '{name}': {}", err.value(py)))
        } else {
            err
        }
    })
}

/// `arg` for an optional argument: `None` stays `None`.
pub(crate) fn optional<'a, 'py, T>(
    obj: Option<&'a Bound<'py, PyAny>>,
    name: &str,
) -> PyResult<Option<T>>
where
    T: FromPyObject<'a, 'py>,
    T::Error: Into<PyErr>,
{
    match obj {
        Some(obj) if !obj.is_none() => arg(obj, name).map(Some),
        _ => Ok(None),
    }
}
