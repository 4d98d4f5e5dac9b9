//! `PackageData` and `ResolvedVariant`: the solver's input and output values, as PyPI pyrer 1.0.0rc3 has them.

use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::args::{arg, optional};

/// One package version's solver data: `name`, `version`, base `requires` and
/// the `requires` of each variant.
///
/// `PackageData(name, version, requires=None, variants=None)`; `None` means empty.
/// The attributes are plain, mutable values (reading `requires` gives a new list);
/// equality and hashing are by identity, as in pyrer 1.0.0rc3.
#[pyclass(module = "pyrer", get_all)]
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PackageData {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) requires: Vec<String>,
    pub(crate) variants: Vec<Vec<String>>,
}

#[pymethods]
impl PackageData {
    #[new]
    #[pyo3(signature = (name, version, requires=None, variants=None))]
    fn new(
        name: &Bound<'_, PyAny>,
        version: &Bound<'_, PyAny>,
        requires: Option<&Bound<'_, PyAny>>,
        variants: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(PackageData {
            name: arg(name, "name")?,
            version: arg(version, "version")?,
            requires: optional(requires, "requires")?.unwrap_or_default(),
            variants: optional(variants, "variants")?.unwrap_or_default(),
        })
    }

    #[setter]
    fn set_name(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.name = arg(value, "name")?;
        Ok(())
    }

    #[setter]
    fn set_version(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.version = arg(value, "version")?;
        Ok(())
    }

    #[setter]
    fn set_requires(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.requires = arg(value, "requires")?;
        Ok(())
    }

    #[setter]
    fn set_variants(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.variants = arg(value, "variants")?;
        Ok(())
    }

    /// The data of a rez package (`rez.packages.Package`, or any object with
    /// `name`, `version`, `requires` and `variants`): `str()` of the version and
    /// of each requirement; `None` requires or variants are empty. Reading these
    /// attributes of a rez package loads its file, as rez would.
    #[classmethod]
    fn from_rez(_cls: &Bound<'_, PyType>, pkg: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PackageData {
            name: pkg.getattr("name")?.extract()?,
            version: pkg.getattr("version")?.str()?.extract()?,
            requires: strings(&pkg.getattr("requires")?)?,
            variants: optional_iter(&pkg.getattr("variants")?)?
                .map(|variant| strings(&variant?))
                .collect::<PyResult<_>>()?,
        })
    }

    /// The same as the constructor: for raw strings, such as those of a rez
    /// package's `resource.data`, without rez's attribute machinery.
    #[classmethod]
    #[pyo3(signature = (name, version, requires=None, variants=None))]
    fn from_strings(
        _cls: &Bound<'_, PyType>,
        name: &Bound<'_, PyAny>,
        version: &Bound<'_, PyAny>,
        requires: Option<&Bound<'_, PyAny>>,
        variants: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::new(name, version, requires, variants)
    }

    fn __repr__(&self) -> String {
        format!(
            "PackageData(name='{}', version='{}', requires={} reqs, variants={} variants)",
            self.name,
            self.version,
            self.requires.len(),
            self.variants.len()
        )
    }
}

impl PackageData {
    /// The solver's view: requirements only (name and version key the repository).
    pub(crate) fn solver_data(&self) -> rer_resolver::PackageData {
        rer_resolver::PackageData {
            requires: self.requires.clone(),
            variants: self.variants.clone(),
        }
    }
}

/// `str()` of each item of `obj`; `None` is empty.
fn strings(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    optional_iter(obj)?
        .map(|item| item?.str()?.extract())
        .collect()
}

fn optional_iter<'py>(
    obj: &Bound<'py, PyAny>,
) -> PyResult<Box<dyn Iterator<Item = PyResult<Bound<'py, PyAny>>> + 'py>> {
    if obj.is_none() {
        Ok(Box::new(std::iter::empty()))
    } else {
        Ok(Box::new(obj.try_iter()?))
    }
}

/// One resolved variant: `name`, `version`, `variant_index` (None when the
/// package has no variants), `requires` (base plus the variant's) and `uri`.
///
/// `uri` is rez's variant URI where the package came from a file
/// (`solve(package_paths=...)`: `/studio/pkgs/t/1.0/package.py[1]`, `[]` without
/// variants), and pyrer 1.0.0rc3's identifier for in-memory packages
/// (`t/1.0/package.py[1]`, `lib/2.0.0/package.py`).
///
/// `root` and `directory`: for a package read from its own file under
/// `package_paths`, the root it was found in (as given) and its package
/// directory (`ROOT/name/version`); None for in-memory packages and for
/// families rez loaded whole (combined families).
#[pyclass(module = "pyrer", get_all, frozen)]
#[derive(Clone, Debug)]
pub(crate) struct ResolvedVariant {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) variant_index: Option<usize>,
    pub(crate) requires: Vec<String>,
    pub(crate) uri: String,
    pub(crate) root: Option<std::ffi::OsString>,
    pub(crate) directory: Option<std::ffi::OsString>,
}

#[pymethods]
impl ResolvedVariant {
    fn __repr__(&self) -> String {
        let index = self
            .variant_index
            .map(|i| i.to_string())
            .unwrap_or_default();
        format!("ResolvedVariant({}-{}[{}])", self.name, self.version, index)
    }
}
