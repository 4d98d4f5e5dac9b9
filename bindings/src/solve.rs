//! `solve`: rer's port of rez's solver over in-memory packages, a `load_family`
//! callback, or package repositories on disk (`package_paths`), GIL released.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::time::{Duration, Instant};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyrer_reader::{rer_requirement, rez_spelling};
use rer_resolver::rez_solver::{
    FamilyMap, PackageRepo, Requirement, RequirementList, ResolvePhase, VariantSelectMode,
};
use rer_version::{RerVersion, VersionRange};

use crate::args::{arg, optional};
use crate::callback::Callback;
use crate::disk::{stats_dict, DiskSource};
use crate::driver::{self, Driven};
use crate::package::{PackageData, ResolvedVariant};
use pyrer_loader::Stats;
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
        stats_dict(py, &self.stats)
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
}

impl Outcome {
    fn error(message: String) -> Self {
        Outcome {
            status: "error",
            resolved: Vec::new(),
            ephemerals: Vec::new(),
            failure: Some(message),
            iterations: 0,
            presolve: Duration::ZERO,
        }
    }
}

/// Resolves `package_requests` (see `pyrer.solve` for the arguments).
#[pyfunction]
#[pyo3(signature = (
    package_requests, packages=None, /, *, variant_select_mode, load_family=None,
    filters=None, max_iterations=None,
    package_paths=None, scan_options=None, rez_context=None,
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
    rez_context: Option<Py<PyAny>>,
) -> PyResult<SolveResult> {
    let package_requests: Vec<Bound<'py, PyString>> = arg(package_requests, "package_requests")?;
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
    let package_requests = match package_requests
        .iter()
        .map(|r| r.to_cow().map(Cow::into_owned).map_err(|_| r))
        .collect::<Result<Vec<String>, _>>()
    {
        Ok(requests) => requests,
        Err(request) => {
            let message = format!(
                "invalid package request {}: not UTF-8 text (a lone surrogate)",
                request.repr()?
            );
            return Ok(finish(Outcome::error(message), start, Stats::default()));
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
                Source::Disk(DiskSource::new(py, paths, &options, memory, rez_context)?),
                HashMap::new(),
            )
        }
        (None, None) => (Source::None, memory),
    };
    let (outcome, stats) = py.detach(move || run(package_requests, memory, source, mode));
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

/// What the solver's loads showed, for the verdict after the solve.
#[derive(Default)]
struct Loads {
    /// Why a load failed (rez could not load a file, `load_family` raised...).
    failed: Option<String>,
    /// The first family the solver asked for and no repository has: rez raises.
    missing: Option<String>,
    /// Families that had no version in the range the solver asked for, and
    /// those that had some: whether the first exist at all is asked at the end.
    empty_in_range: Vec<String>,
    found: HashSet<String>,
    /// The names of the plain (not weak, not conflict) requests.
    requested: HashSet<String>,
    /// What rez raises on the first variant, in a range the solver asked for,
    /// that its solver cannot read (see `variant_raises`).
    variant_raises: Option<String>,
    /// rer's rendering of a rewritten requirement -> the string as written.
    originals: HashMap<String, String>,
    waited: Duration,
}

/// The whole solve, on this thread, without the GIL.
fn run(
    requests: Vec<String>,
    memory: HashMap<String, FamilyMap>,
    source: Source,
    mode: VariantSelectMode,
) -> (Outcome, Stats) {
    let loads: Rc<RefCell<Loads>> = Rc::default();
    let mut parsed = Vec::with_capacity(requests.len());
    for request in &requests {
        match rer_requirement(request) {
            Ok(form) => {
                if let Cow::Owned(form) = &form {
                    remember(&mut loads.borrow_mut().originals, form, request);
                }
                parsed.push(form.into_owned());
            }
            Err(reason) => {
                let outcome =
                    Outcome::error(format!("invalid package request {request:?}: {reason}"));
                return (outcome, Stats::default());
            }
        }
    }
    let source = Rc::new(source);
    let repo = {
        let (source, loads) = (source.clone(), loads.clone());
        PackageRepo::with_loader(Box::new(move |name, hint| {
            let mut state = loads.borrow_mut();
            if state.failed.is_some() {
                return Vec::new(); // a broken loader is not asked again
            }
            let loaded = match memory.get(name) {
                Some(family) => Ok(family.iter().map(|(v, d)| (v.clone(), d.clone())).collect()),
                None => {
                    let began = Instant::now();
                    let loaded = load(&source, name, hint);
                    state.waited += began.elapsed();
                    loaded
                }
            };
            match loaded.and_then(|family| checked(name, family, hint, &mut state)) {
                Ok(family) => family,
                Err(message) => {
                    state.failed = Some(message);
                    Vec::new()
                }
            }
        }))
    };
    let mut steps = 0;
    let driven = quiet::catch(|| {
        let requests: Vec<Requirement> = parsed.iter().map(|r| Requirement::parse(r)).collect();
        loads.borrow_mut().requested = requests
            .iter()
            .filter(|r| !r.is_conflict())
            .map(|r| r.name().to_string())
            .collect();
        driver::drive(requests, Rc::new(repo), mode, &mut steps)
    });
    let stats = match &*source {
        Source::Disk(disk) => disk.stats(),
        _ => Stats::default(),
    };
    let mut loads = loads.borrow_mut();
    // Nothing in a range: rez raises only if the family has no version at all. rer
    // asks again without a range where it needs to know; only where it did not
    // (a weak or conflict requirement widened) is the source asked here.
    if loads.missing.is_none() && loads.failed.is_none() {
        let unsure: Vec<String> = loads
            .empty_in_range
            .iter()
            .filter(|name| !loads.found.contains(*name))
            .cloned()
            .collect();
        for name in unsure {
            match load(&source, &name, None) {
                Ok(all) if all.is_empty() => {
                    loads.missing = Some(name);
                    break;
                }
                Ok(_) => {}
                Err(message) => {
                    loads.failed = Some(message);
                    break;
                }
            }
        }
    }
    // What rez raises on ends its resolve, whatever rer made of the rest.
    let raised = loads
        .failed
        .take()
        .or_else(|| {
            loads
                .missing
                .take()
                .map(|name| format!("PackageFamilyNotFoundError: package family not found: {name}"))
        })
        .or_else(|| loads.variant_raises.take());
    let mut outcome = match (raised, driven) {
        (Some(message), _) => Outcome::error(message),
        (None, Err(panic)) => Outcome::error(format!(
            "the solver stopped on an invalid version or requirement string ({panic})"
        )),
        (None, Ok(Driven::Raised(message))) => Outcome::error(display(&message, &loads.originals)),
        (None, Ok(Driven::Failed(description))) => Outcome {
            status: "failed",
            failure: Some(display(&description, &loads.originals)),
            ..Outcome::error(String::new())
        },
        (None, Ok(Driven::Solved(phase))) => solved_outcome(&phase, &source, &loads.originals),
    };
    if outcome.status != "error" {
        outcome.iterations = steps;
    }
    outcome.presolve = loads.waited;
    (outcome, stats)
}

/// A family's packages as rer must be given them (requirement strings in their
/// rer form, see `pyrer_reader::rer_requirement`), noting what rez would raise
/// on: a family with no version (asked for without a range), and a variant in
/// `hint` whose requirements conflict.
fn checked(
    name: &str,
    family: Vec<(String, rer_resolver::PackageData)>,
    hint: Option<&VersionRange>,
    loads: &mut Loads,
) -> Result<Vec<(String, rer_resolver::PackageData)>, String> {
    match (family.is_empty(), hint) {
        (true, None) => {
            loads.missing.get_or_insert_with(|| name.to_string());
        }
        (true, Some(_)) => loads.empty_in_range.push(name.to_string()),
        (false, _) => {
            loads.found.insert(name.to_string());
        }
    }
    let mut out = Vec::with_capacity(family.len());
    for (version, data) in family {
        let who = format!("{name}-{version}");
        let parsed = quiet::catch(|| RerVersion::try_from(version.as_str()).ok())
            .ok()
            .flatten();
        let Some(parsed) = parsed else {
            return Err(if version.is_empty() {
                format!("package {who}: an unversioned package, which rer's solver cannot take")
            } else {
                format!("package {who}: invalid version {version:?}")
            });
        };
        let mut convert = |s: String| match rer_requirement(&s) {
            Ok(Cow::Borrowed(_)) => Ok(s),
            Ok(Cow::Owned(form)) => {
                remember(&mut loads.originals, &form, &s);
                Ok(form)
            }
            Err(reason) => Err(format!("package {who}: requirement {s:?}: {reason}")),
        };
        let requires = data
            .requires
            .into_iter()
            .map(&mut convert)
            .collect::<Result<Vec<_>, _>>()?;
        let variants = data
            .variants
            .into_iter()
            .map(|v| {
                v.into_iter()
                    .map(&mut convert)
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<_>, _>>()?;
        let data = rer_resolver::PackageData { requires, variants };
        if loads.variant_raises.is_none() && hint.is_none_or(|r| r.contains(&parsed)) {
            loads.variant_raises = variant_raises(&who, &data, loads);
        }
        out.push((version, data));
    }
    Ok(out)
}

/// What rez's solver raises when it reads the variants of `data`, if anything:
/// `ResolveError` for a variant whose own requirements conflict; and (a bug in
/// rez 3.4.0, `solver.py`'s variant sort key) `TypeError` for a package with
/// several variants where one holds a bare weak requirement (`~foo`, no range)
/// on a family the request names: its sort key cannot be compared with the
/// others'. Both are checked for every variant in a range the solver asked for;
/// rez reads them lazily, so it may raise on fewer (README: differences).
fn variant_raises(who: &str, data: &rer_resolver::PackageData, loads: &Loads) -> Option<String> {
    if data.variants.len() > 1 {
        let unsortable = data
            .requires
            .iter()
            .chain(data.variants.iter().flatten())
            .find(|r| {
                r.strip_prefix('~')
                    .is_some_and(|name| loads.requested.contains(name))
            });
        if let Some(weak) = unsortable {
            return Some(format!(
                "TypeError: '<' not supported between instances of 'tuple' and 'int' (rez \
                 3.4.0 cannot sort the variants of {who}: {weak:?} has no range)"
            ));
        }
    }
    internal_conflict(who, data, &loads.originals)
}

/// rez's error for the first variant of `data` whose requirements conflict.
fn internal_conflict(
    who: &str,
    data: &rer_resolver::PackageData,
    originals: &HashMap<String, String>,
) -> Option<String> {
    let variants: Vec<Option<usize>> = if data.variants.is_empty() {
        vec![None]
    } else {
        (0..data.variants.len()).map(Some).collect()
    };
    variants.into_iter().find_map(|index| {
        let extra = index.map_or(&[][..], |i| &data.variants[i][..]);
        let list = quiet::catch(|| {
            RequirementList::new(
                data.requires
                    .iter()
                    .chain(extra)
                    .map(|r| Requirement::parse(r))
                    .collect(),
            )
        })
        .ok()?;
        let (a, b) = list.conflict()?;
        let index = index.map(|i| i.to_string()).unwrap_or_default();
        Some(format!(
            "ResolveError: The package {who}[{index}] has an internal requirements conflict: \
             {} <--!--> {}",
            display(&a.to_string(), originals),
            display(&b.to_string(), originals)
        ))
    })
}

/// A resolved ephemeral as rez renders it: the solver's intersection of the
/// ephemeral's requirements, which may hold a rewritten bound (`rez_spelling`).
fn ephemeral(resolved: &Requirement) -> String {
    match resolved.range().and_then(rez_spelling) {
        Some(range) => {
            let range = range.to_string();
            let sep = if range.starts_with(['=', '<', '>']) {
                ""
            } else {
                "-"
            };
            format!("{}{sep}{range}", resolved.name())
        }
        None => resolved.to_string(),
    }
}

/// Notes how to show the rewritten `form` of `original`: where rer renders the
/// two alike (`a>=1` and `a-1+`), as rer renders them, as rc3 does; elsewhere (a
/// misread bound: `a>1` is `a-1-_+` to rer) as written.
fn remember(originals: &mut HashMap<String, String>, form: &str, original: &str) {
    let rendered = |s: &str| quiet::catch(|| Requirement::parse(s).to_string()).ok();
    if let Some(form_rendered) = rendered(form) {
        if rendered(original).as_ref() != Some(&form_rendered) {
            originals.insert(form_rendered, original.to_string());
        }
    }
}

/// `text` (a rendered requirement, or a description holding some) with every
/// rewritten requirement shown as written.
fn display(text: &str, originals: &HashMap<String, String>) -> String {
    match originals.get(text) {
        Some(original) => original.clone(),
        None if originals.is_empty() => text.to_string(),
        None => {
            let mut shown = text.to_string();
            for (form, original) in originals {
                shown = shown.replace(form.as_str(), original);
            }
            shown
        }
    }
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

fn solved_outcome(
    phase: &ResolvePhase,
    source: &Source,
    originals: &HashMap<String, String>,
) -> Outcome {
    let resolved = phase
        .iter_solved_variants()
        .map(|v| {
            let (name, version, index) = (v.name(), v.version().to_string(), v.index());
            let place = match source {
                Source::Disk(disk) => disk.place(name, &version),
                _ => None,
            };
            let index_text = index.map(|i| i.to_string()).unwrap_or_default();
            let uri = match &place {
                Some(place) => format!("{}[{index_text}]", place.file.display()),
                None => match index {
                    Some(i) => format!("{name}/{version}/package.py[{i}]"),
                    None => format!("{name}/{version}/package.py"),
                },
            };
            ResolvedVariant {
                name: name.to_string(),
                version,
                variant_index: index,
                requires: v
                    .requires()
                    .iter()
                    .map(|r| display(&r.to_string(), originals))
                    .collect(),
                uri,
                root: place.as_ref().map(|p| p.root.clone().into_os_string()),
                directory: place.and_then(|p| p.file.parent().map(|d| d.as_os_str().to_owned())),
            }
        })
        .collect();
    let ephemerals = phase.iter_solved_ephemerals().map(ephemeral).collect();
    Outcome {
        status: "solved",
        resolved,
        ephemerals,
        failure: None,
        ..Outcome::error(String::new())
    }
}
