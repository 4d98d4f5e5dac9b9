//! `load_packages`: `solve(package_paths=...)`'s pipeline (scan, read, static
//! read, rez for the rest) over whole roots or named families.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyrer_scanner::{PackageKind, ScanError, ScanOutput};

use crate::convert::{absent_roots, problems, Names};
use crate::disk::{
    add, read_entries, rez_reason, unlisted_families, version_key, Entry, Read, RezLoader, Stats,
};
use crate::error::BindingError;
use crate::package::PackageData;
use crate::reasons;
use crate::records::Problem;
use crate::request;
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
/// winning a version, in the scan's order. Returns `(packages, problems,
/// stats, absent_roots, examples)`: a file rez cannot load is a problem
/// (operation 'load'), never data; stats are counts and milliseconds, with
/// `rez_reasons` (`{reason: count}`, module `reasons`); `absent_roots` are the
/// roots rez lists nothing under (missing, not directories) as `scan`'s
/// `(root, reason, message)` tuples; `examples` up to three paths per reason.
#[pyfunction]
#[pyo3(signature = (paths, options))]
pub(crate) fn load_packages<'py>(
    py: Python<'py>,
    paths: Vec<Bound<'py, PyString>>,
    options: Bound<'_, PyDict>,
) -> PyResult<Loaded<'py>> {
    let (request, roots) = request::build(py, paths, &options)?;
    let root_strings: Vec<Py<PyString>> = roots.iter().map(|root| root.clone_ref(py)).collect();
    let rez = RezLoader::new(py, roots, None)?;
    let (output, mut entries, whole, mut stats) = py.detach(|| -> Result<_, BindingError> {
        let began = Instant::now();
        let output = scan(&request)?;
        let mut stats = Stats {
            families: output.families.len(),
            scan: began.elapsed(),
            ..Stats::default()
        };
        let (mut entries, whole) = entries(&output);
        let all: Vec<usize> = (0..entries.len()).collect();
        add(&mut stats, &read_entries(&mut entries, &all));
        Ok((output, entries, whole, stats))
    })?;
    let mut names = Names::default();
    let problem_list = problems(py, &output.problems, &mut names)?;
    let mut packages = Vec::with_capacity(entries.len());
    let load = names.get(py, "load");
    let fail = |path: &str, message: String| -> PyResult<()> {
        let problem = Problem {
            path: PyString::new(py, path).unbind(),
            operation: load.clone().unbind(),
            errno: None,
            message: PyString::new(py, &message).unbind(),
        };
        problem_list.append(Bound::new(py, problem)?)
    };
    let began = Instant::now();
    for entry in entries
        .iter_mut()
        .filter(|e| !whole.contains_key(&e.family))
    {
        let data = match entry.read.take() {
            Some(Read::Static(package)) => Ok((package.requires, package.variants)),
            other => {
                stats.rez_loads += 1;
                let reason = rez_reason(other.as_ref());
                stats.rez_reasons.note(reason, &entry.path, 1);
                rez.package(entry.root, &entry.family, &entry.version, &entry.path)
                    .map(|d| (d.requires, d.variants))
            }
        };
        match data {
            Ok((requires, variants)) => packages.push(PackageData {
                name: std::mem::take(&mut entry.family),
                version: std::mem::take(&mut entry.version),
                requires,
                variants,
            }),
            Err(message) => fail(&entry.path.display().to_string(), message)?,
        }
    }
    for (family, reason) in &whole {
        match rez.family(family) {
            Ok(loaded) => {
                stats.rez_loads += loaded.len();
                stats
                    .rez_reasons
                    .note(reason, Path::new(family), loaded.len());
                packages.extend(loaded.into_iter().map(|(version, d)| PackageData {
                    name: family.clone(),
                    version,
                    requires: d.requires,
                    variants: d.variants,
                }))
            }
            Err(message) => fail(family, message)?,
        }
    }
    stats.rez_load = began.elapsed();
    let absent = absent_roots(py, &output.absent_roots, &root_strings)?;
    let examples = stats.rez_reasons.examples(py)?;
    Ok((packages, problem_list, stats.to_dict(py)?, absent, examples))
}

fn scan(request: &crate::run::Request) -> Result<ScanOutput, BindingError> {
    let scanned = quiet::catch(|| pyrer_scanner::scan_repo(&request.paths, &request.options))
        .map_err(BindingError::Panicked)?;
    match scanned {
        Ok(output) => Ok(output),
        Err(ScanError::Problems { partial, .. }) => Ok(*partial),
        Err(err @ ScanError::InvalidOption { .. }) => Err(BindingError::InvalidOption(err)),
        Err(err @ ScanError::InvalidPath { .. }) => Err(BindingError::InvalidPath(err)),
        Err(err @ ScanError::BackendUnavailable { .. }) => {
            Err(BindingError::BackendUnavailable(err))
        }
        Err(ScanError::Cancelled) => Err(BindingError::Cancelled),
    }
}

/// The scan's packages, one per (family, version) with the first root winning,
/// and the families only rez can answer for: combined ones (`ROOT/foo.py`) and
/// those whose directory could not be listed.
fn entries(output: &ScanOutput) -> (Vec<Entry>, BTreeMap<String, &'static str>) {
    let mut whole: BTreeMap<String, &'static str> = unlisted_families(output)
        .into_iter()
        .map(|name| (name.to_string(), reasons::UNLISTED))
        .collect();
    let mut seen: HashMap<String, HashSet<String>> = HashMap::new();
    let mut entries = Vec::new();
    for package in &output.packages {
        if package.kind == PackageKind::Combined {
            whole.insert(package.family.clone(), reasons::COMBINED);
            continue;
        }
        let entry = Entry::new(package.clone());
        let versions = seen.entry(entry.family.clone()).or_default();
        if versions.insert(version_key(&entry.version)) {
            entries.push(entry);
        }
    }
    // Across roots, the scan's order is root first: order by family as rez lists them.
    entries.sort_by(|a, b| a.family.cmp(&b.family));
    (entries, whole)
}
