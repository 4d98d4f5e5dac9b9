//! `load_packages`: `solve(package_paths=...)`'s pipeline (scan, read, static
//! read, rez for the rest) over whole roots or named families.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::convert::{absent_roots, problems, Names};
use crate::disk::{examples_dict, stats_dict, RezLoader};
use crate::error::BindingError;
use crate::package::PackageData;
use crate::records::Problem;
use crate::{request, run};
use pyrer_reader::quiet;

/// `load_packages`'s packages, problems, stats, absent roots and example paths
/// of the files rez loaded, by reason.
type Loaded<'py> = (
    Vec<PackageData>,
    Bound<'py, PyList>,
    Bound<'py, PyDict>,
    Bound<'py, PyList>,
    Bound<'py, PyDict>,
);

/// Loads every package of `paths` (or of `options["families"]`), first root
/// winning a version, by family. Returns `(packages, problems, stats,
/// absent_roots, examples)`: a file rez cannot load is a problem (operation
/// 'load'), never data; stats are counts and milliseconds, with `rez_reasons`
/// (`{reason: count}`, `pyrer_loader::reasons`); `absent_roots` are the roots
/// rez lists nothing under (missing, not directories) as `scan`'s `(root,
/// reason, message)` tuples; `examples` up to three paths per reason.
#[pyfunction]
#[pyo3(signature = (paths, options))]
pub(crate) fn load_packages<'py>(
    py: Python<'py>,
    paths: Vec<Bound<'py, PyString>>,
    options: Bound<'_, PyDict>,
) -> PyResult<Loaded<'py>> {
    let (request, roots) = request::build(py, paths, &options)?;
    let rez = RezLoader::new(py, &roots, None)?;
    let python = crate::python_version();
    let all = py.detach(|| -> Result<_, BindingError> {
        let scanned = run::guarded(|| pyrer_scanner::scan_repo(&request.paths, &request.options))?;
        // A panic is a bug, reported as one (InternalError), never a crash.
        let mut all = quiet::catch(|| pyrer_loader::load_all(scanned.output, python, &rez))
            .map_err(BindingError::LoadPanicked)?;
        all.stats.scan = scanned.elapsed;
        Ok(all)
    })?;
    let mut names = Names::default();
    let problem_list = problems(py, &all.output.problems, &mut names)?;
    let load = names.get(py, "load");
    for (path, message) in &all.failures {
        let problem = Problem {
            path: PyString::new(py, path).unbind(),
            operation: load.clone().unbind(),
            errno: None,
            message: PyString::new(py, message).unbind(),
        };
        problem_list.append(Bound::new(py, problem)?)?;
    }
    let packages = all
        .packages
        .into_iter()
        .map(|p| PackageData {
            name: p.name,
            version: p.version,
            requires: p.data.requires,
            variants: p.data.variants,
        })
        .collect();
    let absent = absent_roots(py, &all.output.absent_roots, &roots)?;
    Ok((
        packages,
        problem_list,
        stats_dict(py, &all.stats)?,
        absent,
        examples_dict(py, &all.stats)?,
    ))
}
