//! `solve`: rer's port of rez's solver over in-memory packages, a `load_family`
//! callback, or package repositories on disk (`package_paths`), GIL released.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rer_resolver::rez_solver::{
    make_shared_cache, FamilyMap, PackageRepo, Requirement, ScopeError, Solver, SolverStatus,
    VariantSelectMode,
};
use rer_version::VersionRange;

use crate::args::{arg, optional};
use crate::callback::Callback;
use crate::disk::{DiskSource, Stats};
use crate::misread::Audit;
use crate::package::{PackageData, ResolvedVariant};
use pyrer_reader::quiet;

/// The result of `solve`: `status` is "solved", "failed" (no solution exists)
/// or "error" (bad input: an invalid request, a loader that raised, a package
/// file rez cannot load). Failures are reported here, never raised.
#[pyclass(module = "pyrer", frozen)]
pub(crate) struct SolveResult {
    /// "solved", "failed" or "error".
    #[pyo3(get)]
    status: String,
    /// The resolved variants, in rez's order.
    #[pyo3(get)]
    resolved_packages: Vec<ResolvedVariant>,
    /// The same as `(name, version, variant_index)` tuples.
    #[pyo3(get)]
    resolved: Vec<(String, String, Option<usize>)>,
    /// Resolved ephemerals as requirement strings, e.g. `['.eph-1']`.
    #[pyo3(get)]
    resolved_ephemerals: Vec<String>,
    /// Why the solve failed or what was wrong; None when solved.
    #[pyo3(get)]
    failure_description: Option<String>,
    /// Wall-clock time of the whole call, in milliseconds (package loading included).
    #[pyo3(get)]
    solve_time_ms: f64,
    /// Solver steps.
    #[pyo3(get)]
    num_iterations: u32,
    /// The part of `solve_time_ms` the solver spent waiting for packages
    /// (`load_family` calls, or scanning and loading `package_paths`).
    #[pyo3(get)]
    presolve_time_ms: f64,
    stats: Stats,
}

#[pymethods]
impl SolveResult {
    /// Where package loading went: families looked up, files read, static
    /// reads and rez loads, as counts and cumulative milliseconds (stages run
    /// concurrently, so times can sum to more than `presolve_time_ms`).
    #[getter]
    fn presolve<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.stats.to_dict(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "SolveResult(status='{}', resolved_packages={} packages, solve_time_ms={:.2})",
            self.status,
            self.resolved_packages.len(),
            self.solve_time_ms
        )
    }
}

/// Where the solver gets families it was not given in `packages`.
enum Source {
    None,
    Callback(Callback),
    Disk(DiskSource),
}

/// What a solve produced, before it becomes a `SolveResult` (no Python objects:
/// it is built without the GIL).
struct Outcome {
    status: &'static str,
    resolved: Vec<ResolvedVariant>,
    ephemerals: Vec<String>,
    failure: Option<String>,
    iterations: usize,
    presolve: Duration,
    /// rer panicked on the data (an invalid version or requirement string).
    panicked: bool,
}

impl Outcome {
    fn with_iterations(self, iterations: usize) -> Self {
        Outcome { iterations, ..self }
    }

    fn error(message: String) -> Self {
        Outcome {
            status: "error",
            resolved: Vec::new(),
            ephemerals: Vec::new(),
            failure: Some(message),
            iterations: 0,
            presolve: Duration::ZERO,
            panicked: false,
        }
    }
}

/// Resolves `package_requests` (see `pyrer.solve` for the arguments).
#[pyfunction]
#[pyo3(signature = (
    package_requests, packages=None, /, *, variant_select_mode, load_family=None,
    filters=None, max_iterations=None,
    package_paths=None, scan_options=None,
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn solve<'py>(
    py: Python<'py>,
    package_requests: &Bound<'py, PyAny>,
    packages: Option<&Bound<'py, PyAny>>,
    variant_select_mode: &Bound<'py, PyAny>,
    load_family: Option<Py<PyAny>>,
    filters: Option<&Bound<'py, PyAny>>,
    max_iterations: Option<&Bound<'py, PyAny>>,
    package_paths: Option<Vec<Bound<'py, PyString>>>,
    scan_options: Option<Bound<'_, PyDict>>,
) -> PyResult<SolveResult> {
    let package_requests: Vec<String> = arg(package_requests, "package_requests")?;
    let packages: Option<Vec<PyRef<'py, PackageData>>> = optional(packages, "packages")?;
    let variant_select_mode: String = arg(variant_select_mode, "variant_select_mode")?;
    // rc3 checks their types, and ignores them; rez's filters are not modelled here.
    let _: Option<Vec<(String, String)>> = optional(filters, "filters")?;
    let _: Option<u32> = optional(max_iterations, "max_iterations")?;
    let start = Instant::now();
    let mode = match variant_select_mode.as_str() {
        "version_priority" => VariantSelectMode::VersionPriority,
        "intersection_priority" => VariantSelectMode::IntersectionPriority,
        other => {
            return Err(PyValueError::new_err(format!(
                "variant_select_mode must be 'version_priority' or 'intersection_priority' \
                 (got {other:?})"
            )))
        }
    };
    let memory = match memory_map(packages.as_deref().unwrap_or_default()) {
        Ok(map) => map,
        Err(message) => return Ok(finish(Outcome::error(message), start, Stats::default())),
    };
    let (source, memory) = match (load_family, package_paths) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err(
                "give load_family or package_paths, not both",
            ))
        }
        (Some(callback), None) => (Source::Callback(Callback::new(py, callback)), memory),
        (None, Some(paths)) => {
            let options = scan_options.ok_or_else(|| {
                PyValueError::new_err("package_paths needs scan_options (pyrer.solve passes them)")
            })?;
            // The in-memory packages come first, as a repository ahead of the roots.
            (
                Source::Disk(DiskSource::new(py, paths, &options, memory)?),
                HashMap::new(),
            )
        }
        (None, None) => (Source::None, memory),
    };
    let (mut outcome, stats) = py.detach(move || run(package_requests, memory, source, mode));
    if outcome.panicked {
        if let Some(culprit) = packages.iter().flatten().find_map(|p| invalid_string(p)) {
            outcome.failure = Some(culprit);
        }
    }
    Ok(finish(outcome, start, stats))
}

fn finish(outcome: Outcome, start: Instant, stats: Stats) -> SolveResult {
    let resolved = outcome
        .resolved
        .iter()
        .map(|v| (v.name.clone(), v.version.clone(), v.variant_index))
        .collect();
    SolveResult {
        status: outcome.status.to_string(),
        resolved,
        resolved_packages: outcome.resolved,
        resolved_ephemerals: outcome.ephemerals,
        failure_description: outcome.failure,
        solve_time_ms: millis(start.elapsed()),
        num_iterations: u32::try_from(outcome.iterations).unwrap_or(u32::MAX),
        presolve_time_ms: millis(outcome.presolve),
        stats,
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// What in `package` rer cannot parse: its version (rer has no empty version, so
/// unversioned packages are out of its reach) or one of its requirement strings.
pub(crate) fn invalid_string(package: &PackageData) -> Option<String> {
    let who = format!("package {}-{}", package.name, package.version);
    if package.version.is_empty() {
        return Some(format!(
            "{who}: an unversioned package (version ''), which rer's solver cannot take"
        ));
    }
    if !matches!(
        quiet::catch(|| rer_version::RerVersion::try_from(package.version.as_str()).is_ok()),
        Ok(true)
    ) {
        return Some(format!("{who}: invalid version {:?}", package.version));
    }
    let strings = package
        .requires
        .iter()
        .chain(package.variants.iter().flatten());
    for s in strings {
        if quiet::catch(|| Requirement::parse(s)).is_err() {
            return Some(format!("{who}: invalid requirement {s:?}"));
        }
    }
    None
}

/// Folds `packages` into the solver's `family -> version -> data` map; a
/// repeated (name, version) is an error rather than a silent shadow.
fn memory_map(packages: &[PyRef<'_, PackageData>]) -> Result<HashMap<String, FamilyMap>, String> {
    let mut map: HashMap<String, FamilyMap> = HashMap::new();
    for p in packages {
        let family = map.entry(p.name.clone()).or_default();
        if family.insert(p.version.clone(), p.solver_data()).is_some() {
            return Err(format!("duplicate package: {}-{}", p.name, p.version));
        }
    }
    Ok(map)
}

/// The whole solve, on this thread, without the GIL.
fn run(
    requests: Vec<String>,
    memory: HashMap<String, FamilyMap>,
    source: Source,
    mode: VariantSelectMode,
) -> (Outcome, Stats) {
    for request in &requests {
        if let Err(reason) = quiet::catch(|| Requirement::parse(request)) {
            let outcome = Outcome::error(format!(
                "invalid package request {request:?}: not a rez requirement ({reason})"
            ));
            return (outcome, Stats::default());
        }
    }
    let source = Rc::new(source);
    let failed: Rc<RefCell<Option<String>>> = Rc::default();
    let waited: Rc<Cell<Duration>> = Rc::default();
    let audit: Rc<RefCell<Audit>> = Rc::default();
    {
        let mut audit = audit.borrow_mut();
        audit.requirements(&requests);
        for data in memory.values().flat_map(|family| family.values()) {
            audit.requirements(data.requires.iter().chain(data.variants.iter().flatten()));
        }
        // Without a loader every requirement is known now, so only the families they
        // name need their versions; a loader may bring requirements on any family.
        let named: std::collections::HashSet<String> = audit
            .families_named()
            .into_iter()
            .map(String::from)
            .collect();
        for (name, family) in &memory {
            if !matches!(*source, Source::None) || named.contains(name) {
                audit.family(name, family.keys());
            }
        }
    }
    let repo = match &*source {
        Source::None => PackageRepo::from_map(memory),
        _ => {
            let (source, failed, waited) = (source.clone(), failed.clone(), waited.clone());
            let audit = audit.clone();
            let lazy = PackageRepo::with_loader(Box::new(move |name, hint| {
                if failed.borrow().is_some() {
                    return Vec::new(); // a broken loader is not asked again
                }
                let began = Instant::now();
                let loaded = load(&source, name, hint);
                waited.set(waited.get() + began.elapsed());
                match loaded {
                    Ok(loaded) => {
                        let mut audit = audit.borrow_mut();
                        audit.family(name, loaded.iter().map(|(v, _)| v));
                        for (_, data) in &loaded {
                            audit.requirements(
                                data.requires.iter().chain(data.variants.iter().flatten()),
                            );
                        }
                        loaded
                    }
                    Err(message) => {
                        *failed.borrow_mut() = Some(message);
                        Vec::new()
                    }
                }
            }));
            for (name, family) in memory {
                lazy.insert_family(name, family);
            }
            lazy
        }
    };
    let solved = quiet::catch(|| -> Result<Solver, ScopeError> {
        let requests = requests.iter().map(|r| Requirement::parse(r)).collect();
        let mut solver =
            Solver::new_with_options(requests, Rc::new(repo), make_shared_cache(), mode)?;
        solver.solve();
        Ok(solver)
    });
    let stats = match &*source {
        Source::Disk(disk) => disk.stats(),
        _ => Stats::default(),
    };
    let mut outcome = match (failed.borrow_mut().take(), solved) {
        (Some(message), _) => Outcome::error(message),
        (None, Err(panic)) => Outcome {
            panicked: true,
            ..Outcome::error(format!(
                "the solver stopped on an invalid version or requirement string in the \
                 package data ({panic})"
            ))
        },
        (None, Ok(Err(missing))) => Outcome {
            status: "failed",
            failure: Some(missing.to_string()),
            ..Outcome::error(String::new())
        },
        (None, Ok(Ok(solver))) => solved_outcome(&solver, &source),
    };
    if let Some(problem) = audit.borrow().problem() {
        if outcome.status != "error" {
            outcome = Outcome {
                iterations: outcome.iterations,
                ..Outcome::error(problem)
            };
        }
    }
    outcome.presolve = waited.get();
    (outcome, stats)
}

fn load(
    source: &Source,
    name: &str,
    hint: Option<&VersionRange>,
) -> Result<Vec<(String, rer_resolver::PackageData)>, String> {
    match source {
        Source::None => Ok(Vec::new()),
        Source::Callback(callback) => callback.load(name, hint),
        Source::Disk(disk) => disk.load(name, hint),
    }
}

fn solved_outcome(solver: &Solver, source: &Source) -> Outcome {
    let iterations = solver.num_solves();
    match solver.status() {
        SolverStatus::Solved => {
            let resolved = solver
                .resolved_packages_iter()
                .into_iter()
                .flatten()
                .map(|v| {
                    let (name, version, index) = (v.name(), v.version().to_string(), v.index());
                    let disk_uri = match source {
                        Source::Disk(disk) => disk.uri(name, &version, index),
                        _ => None,
                    };
                    let uri = disk_uri.unwrap_or_else(|| match index {
                        Some(i) => format!("{name}/{version}/package.py[{i}]"),
                        None => format!("{name}/{version}/package.py"),
                    });
                    ResolvedVariant {
                        name: name.to_string(),
                        version,
                        variant_index: index,
                        requires: v.requires().iter().map(|r| r.to_string()).collect(),
                        uri,
                    }
                })
                .collect();
            let ephemerals = solver
                .resolved_ephemerals_iter()
                .into_iter()
                .flatten()
                .map(|r| r.to_string())
                .collect();
            Outcome {
                status: "solved",
                resolved,
                ephemerals,
                failure: None,
                ..Outcome::error(String::new())
            }
            .with_iterations(iterations)
        }
        SolverStatus::Failed => Outcome {
            status: "failed",
            failure: solver.failure_description(),
            iterations,
            ..Outcome::error(String::new())
        },
        other => Outcome {
            iterations: 0,
            ..Outcome::error(format!("unexpected solver status: {other:?}"))
        },
    }
}
