//! `solve(package_paths=...)`'s package source: `pyrer-loader` over the roots,
//! with rez (through `pyrer.rez.load`) for what only rez can load.

use std::collections::HashMap;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyrer_loader::{Config, Loader, RezFallback, Stats};
use rer_resolver::rez_solver::FamilyMap;
use rer_resolver::PackageData as SolverData;
use rer_version::VersionRange;

use crate::package::PackageData;
use crate::request;

/// The `RuntimeError` of `solve(package_paths=...)` and `load_packages` without rez.
pub(crate) const REZ_REQUIRED: &str = "solve(package_paths=...) and load_packages need rez 3.4.0 \
     (its configuration, and its loads of package files only rez can evaluate): \
     pip install rez==3.4.0";
/// Set to `0` to switch read-ahead off (for measuring what it buys).
const READAHEAD_ENV: &str = "PYRER_READAHEAD";
/// The Python module with rez's side: loads of files the static reader cannot take.
const REZ_MODULE: &str = "pyrer.rez.load";

/// Where a resolved package came from: its root as the caller gave it, and
/// its package file.
pub(crate) struct Place {
    pub(crate) root: PathBuf,
    pub(crate) file: PathBuf,
}

/// The solver's repository over `package_paths` (see `pyrer_loader::Loader`).
pub(crate) struct DiskSource {
    loader: Loader,
    /// The roots as the caller spelled them (`ResolvedVariant.root`).
    roots: Vec<PathBuf>,
}

impl DiskSource {
    pub(crate) fn new(
        py: Python<'_>,
        paths: Vec<Bound<'_, PyString>>,
        options: &Bound<'_, PyDict>,
        memory: HashMap<String, FamilyMap>,
        rez_context: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        let (request, roots) = request::build(py, paths, options)?;
        let rez = RezLoader::new(py, &roots, rez_context)?;
        let config = Config {
            roots: request.paths.clone(),
            options: request.options,
            python: crate::python_version(),
            readahead: std::env::var_os(READAHEAD_ENV).is_none_or(|v| v != "0"),
        };
        Ok(DiskSource {
            loader: Loader::new(config, memory, Box::new(rez)),
            roots: request.paths,
        })
    }

    pub(crate) fn stats(&self) -> Stats {
        self.loader.stats()
    }

    /// Where `name`-`version` was read from, if from a file of its own.
    pub(crate) fn place(&self, name: &str, version: &str) -> Option<Place> {
        let origin = self.loader.origin(name, version)?;
        Some(Place {
            root: self.roots.get(origin.root)?.clone(),
            file: origin.file,
        })
    }

    /// The family's packages in `hint`; `Err` names what rez could not load.
    pub(crate) fn load(
        &self,
        name: &str,
        hint: Option<&VersionRange>,
    ) -> Result<Vec<(String, SolverData)>, String> {
        self.loader.load(name, hint)
    }
}

/// `SolveResult.presolve` and `load_packages`'s stats: counts and milliseconds.
pub(crate) fn stats_dict<'py>(py: Python<'py>, stats: &Stats) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let ms = |t: std::time::Duration| t.as_secs_f64() * 1000.0;
    d.set_item("families", stats.families)?;
    d.set_item("scan_ms", ms(stats.scan))?;
    d.set_item("files_read", stats.files_read)?;
    d.set_item("read_ms", ms(stats.read))?;
    d.set_item("static_reads", stats.static_reads)?;
    d.set_item("static_parse_ms", ms(stats.static_parse))?;
    d.set_item("rez_loads", stats.rez_loads)?;
    d.set_item("rez_load_ms", ms(stats.rez_load))?;
    d.set_item("readahead_families", stats.readahead_families)?;
    d.set_item("readahead_hits", stats.readahead_hits)?;
    let reasons = PyDict::new(py);
    for (reason, why) in stats.rez_reasons.iter() {
        reasons.set_item(reason, why.count)?;
    }
    d.set_item("rez_reasons", reasons)?;
    Ok(d)
}

/// `{reason: [example path, ...]}` of the files that went to rez.
pub(crate) fn examples_dict<'py>(py: Python<'py>, stats: &Stats) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (reason, why) in stats.rez_reasons.iter() {
        d.set_item(reason, &why.examples)?;
    }
    Ok(d)
}

/// rez's loads, through the Python module `pyrer.rez.load` (the GIL is taken per call).
pub(crate) struct RezLoader {
    module: Py<PyAny>,
    roots: Vec<Py<PyString>>,
    /// The rez `ResolvedContext` being resolved, which rez binds to every package
    /// its solver loads (late-bound attributes see it); None outside the solver hook.
    context: Option<Py<PyAny>>,
}

impl RezLoader {
    pub(crate) fn new(
        py: Python<'_>,
        roots: &[Py<PyString>],
        context: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        Ok(RezLoader {
            module: py.import(REZ_MODULE)?.into_any().unbind(),
            roots: roots.iter().map(|r| r.clone_ref(py)).collect(),
            context,
        })
    }
}

impl RezFallback for RezLoader {
    fn package(
        &self,
        root: usize,
        name: &str,
        version: &str,
        path: &std::path::Path,
    ) -> Result<SolverData, String> {
        Python::attach(|py| -> PyResult<SolverData> {
            let version = (!version.is_empty()).then_some(version);
            let package = self.module.bind(py).call_method1(
                "load_package",
                (self.roots[root].bind(py), name, version, &self.context),
            )?;
            Ok(package.extract::<PyRef<'_, PackageData>>()?.solver_data())
        })
        .map_err(|err| rez_error(&path.display().to_string(), err))
    }

    fn family(&self, name: &str) -> Result<Vec<(String, SolverData)>, String> {
        Python::attach(|py| -> PyResult<Vec<(String, SolverData)>> {
            let roots: Vec<&Bound<'_, PyString>> = self.roots.iter().map(|r| r.bind(py)).collect();
            let packages = self
                .module
                .bind(py)
                .call_method1("load_family", (roots, name, &self.context))?;
            let packages: Vec<PyRef<'_, PackageData>> = packages.extract()?;
            Ok(packages
                .iter()
                .map(|p| (p.version.clone(), p.solver_data()))
                .collect())
        })
        .map_err(|err| rez_error(&format!("family {name:?}"), err))
    }
}

fn rez_error(what: &str, err: PyErr) -> String {
    Python::attach(|py| {
        let kind = err
            .get_type(py)
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "Exception".into());
        format!("rez could not load {what}: {kind}: {}", err.value(py))
    })
}
