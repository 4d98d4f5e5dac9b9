//! `load_family`: families from a Python callable, with PyPI pyrer 1.0.0rc3's contract.

use std::collections::HashSet;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rer_version::VersionRange;

use crate::package::PackageData;

/// A `load_family(name)` callable. If it can take a second argument (a second
/// parameter, `version_range`, `*args` or `**kwargs`), it is called as
/// `load_family(name, version_range=hint)`, the hint being the solver's range
/// for the family as a rez range string, or None for every version.
pub(crate) struct Callback {
    callable: Py<PyAny>,
    takes_range: bool,
}

impl Callback {
    pub(crate) fn new(py: Python<'_>, callable: Py<PyAny>) -> Self {
        let takes_range = takes_range(callable.bind(py)).unwrap_or(false);
        Callback {
            callable,
            takes_range,
        }
    }

    /// The family's packages; entries of other families are dropped. `Err` is
    /// the message `solve` reports when the callable raised or repeated a version.
    pub(crate) fn load(
        &self,
        name: &str,
        hint: Option<&VersionRange>,
    ) -> Result<Vec<(String, rer_resolver::PackageData)>, String> {
        Python::attach(|py| {
            self.call(py, name, hint)
                .map_err(|err| format!("load_family({name:?}) raised: {}", err.value(py)))
        })
    }

    fn call(
        &self,
        py: Python<'_>,
        name: &str,
        hint: Option<&VersionRange>,
    ) -> PyResult<Vec<(String, rer_resolver::PackageData)>> {
        let callable = self.callable.bind(py);
        let returned = if self.takes_range {
            let kwargs = PyDict::new(py);
            kwargs.set_item("version_range", hint.map(|r| r.to_string()))?;
            callable.call((name,), Some(&kwargs))?
        } else {
            callable.call1((name,))?
        };
        let packages: Vec<PyRef<'_, PackageData>> = returned.extract()?;
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(packages.len());
        for p in packages.iter().filter(|p| p.name == name) {
            if !seen.insert(p.version.as_str()) {
                return Err(PyValueError::new_err(format!(
                    "load_family({name:?}) returned duplicate version {:?}",
                    p.version
                )));
            }
            out.push((p.version.clone(), p.solver_data()));
        }
        Ok(out)
    }
}

/// Whether `callable`'s signature accepts a second argument: a parameter named
/// `version_range`, `*args`/`**kwargs`, or a second parameter of any other kind.
fn takes_range(callable: &Bound<'_, PyAny>) -> PyResult<bool> {
    let inspect = callable.py().import("inspect")?;
    let parameter = inspect.getattr("Parameter")?;
    let variadic = [
        parameter.getattr("VAR_POSITIONAL")?,
        parameter.getattr("VAR_KEYWORD")?,
    ];
    let signature = inspect.call_method1("signature", (callable,))?;
    let mut others = 0;
    for item in signature
        .getattr("parameters")?
        .call_method0("items")?
        .try_iter()?
    {
        let (name, param): (String, Bound<'_, PyAny>) = item?.extract()?;
        if name == "version_range" {
            return Ok(true);
        }
        let kind = param.getattr("kind")?;
        for v in &variadic {
            if kind.eq(v)? {
                return Ok(true);
            }
        }
        others += 1;
        if others >= 2 {
            return Ok(true);
        }
    }
    Ok(false)
}
