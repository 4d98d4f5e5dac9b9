//! `solve(package_paths=...)`: the solver's families from repositories on disk.
//!
//! For each family the solver asks for: the scanner looks it up in every root
//! (rez's `get_package_family`), the versions in the solver's range hint are
//! kept (the first root wins a version, as in rez's `iter_packages`), their
//! package files are read concurrently and read statically by `pyrer-reader`;
//! rez loads only what that reader cannot take, with the GIL held just for it.
//! Name and version always come from the directories.
//!
//! Read-ahead: once a family's packages are read, the families their
//! requirements name are loaded on background threads (scan, read, static
//! read; never rez), so the solver, which asks for families one at a time,
//! finds them ready instead of waiting on a chain of round trips.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyrer_reader::{is_rez_version, StaticPackage};
use pyrer_scanner::{Format, PackageKind, ScanOptions};
use rer_resolver::rez_solver::{FamilyMap, Requirement};
use rer_resolver::PackageData as SolverData;
use rer_version::{RerVersion, VersionRange};

use crate::package::PackageData;
use crate::reasons::{self, Reasons};
use crate::request;
use pyrer_reader::quiet;

/// The `RuntimeError` of `solve(package_paths=...)` and `load_packages` without rez.
pub(crate) const REZ_REQUIRED: &str = "solve(package_paths=...) and load_packages need rez 3.4.0 \
     (its configuration, and its loads of package files only rez can evaluate): \
     pip install rez==3.4.0";
/// Background threads loading families ahead of the solver.
const READAHEAD_THREADS: usize = 8;
/// Set to `0` to switch read-ahead off (for measuring what it buys).
const READAHEAD_ENV: &str = "PYRER_READAHEAD";
/// The most families one solve loads ahead (a bound on wasted I/O).
const READAHEAD_FAMILIES: usize = 2048;
/// Package files of one family read at once.
const READ_THREADS: usize = 16;
/// The Python module with rez's side: loads of files the static reader cannot take.
const REZ_MODULE: &str = "pyrer._rez_load";

/// Counts and cumulative times of the loading stages.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stats {
    pub(crate) families: usize,
    pub(crate) scan: Duration,
    pub(crate) files_read: usize,
    pub(crate) read: Duration,
    pub(crate) static_reads: usize,
    pub(crate) static_parse: Duration,
    pub(crate) rez_loads: usize,
    pub(crate) rez_load: Duration,
    pub(crate) readahead_families: usize,
    pub(crate) readahead_hits: usize,
    pub(crate) rez_reasons: Reasons,
}

impl Stats {
    pub(crate) fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let ms = |t: Duration| t.as_secs_f64() * 1000.0;
        d.set_item("families", self.families)?;
        d.set_item("scan_ms", ms(self.scan))?;
        d.set_item("files_read", self.files_read)?;
        d.set_item("read_ms", ms(self.read))?;
        d.set_item("static_reads", self.static_reads)?;
        d.set_item("static_parse_ms", ms(self.static_parse))?;
        d.set_item("rez_loads", self.rez_loads)?;
        d.set_item("rez_load_ms", ms(self.rez_load))?;
        d.set_item("readahead_families", self.readahead_families)?;
        d.set_item("readahead_hits", self.readahead_hits)?;
        d.set_item("rez_reasons", self.rez_reasons.counts(py)?)?;
        Ok(d)
    }
}

/// One version of a family, as the scan found it.
pub(crate) struct Entry {
    pub(crate) family: String,
    pub(crate) root: usize,
    /// The directory name ("" for an unversioned package).
    pub(crate) version: String,
    pub(crate) path: PathBuf,
    pub(crate) format: Option<Format>,
    pub(crate) read: Option<Read>,
}

impl Entry {
    pub(crate) fn new(package: pyrer_scanner::ScannedPackage) -> Self {
        Entry {
            version: package
                .version
                .map(|v| v.to_string_lossy().into_owned())
                .unwrap_or_default(),
            family: package.family,
            root: package.root_index,
            path: package.path,
            format: package.format,
            read: None,
        }
    }
}

/// What reading an entry's file gave.
pub(crate) enum Read {
    Static(StaticPackage),
    /// rez must load it, for this reason (`reasons`: the static reader's, a YAML
    /// file, an I/O error).
    Rez(&'static str),
}

/// A family's entries across the roots, deduplicated (first root wins).
struct Family {
    entries: Vec<Entry>,
    /// The whole family goes to rez, and why: a combined family (`ROOT/foo.py`)
    /// or a family directory that could not be listed, where only rez knows its
    /// exact answer.
    to_rez: Option<&'static str>,
}

enum Slot {
    /// Wanted ahead, with the union of the ranges asked for (None: all).
    Queued(Option<String>),
    Loading,
    Done(Family),
}

#[derive(Default)]
struct State {
    slots: HashMap<String, Slot>,
    queue: VecDeque<String>,
    stop: bool,
    stats: Stats,
}

struct Shared {
    roots: Vec<PathBuf>,
    options: ScanOptions,
    state: Mutex<State>,
    changed: Condvar,
}

/// The solver's repository over `package_paths` (see the module docs).
pub(crate) struct DiskSource {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
    /// `solve`'s in-memory packages: a repository ahead of the roots.
    memory: HashMap<String, FamilyMap>,
    rez: RezLoader,
    /// (family, version) -> package file, for `ResolvedVariant.uri`.
    files: Mutex<HashMap<(String, String), PathBuf>>,
}

impl DiskSource {
    pub(crate) fn new(
        py: Python<'_>,
        paths: Vec<Bound<'_, PyString>>,
        options: &Bound<'_, PyDict>,
        memory: HashMap<String, FamilyMap>,
        rez_context: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        let (request, roots_py) = request::build(py, paths, options)?;
        let rez = RezLoader::new(py, roots_py, rez_context)?;
        let shared = Arc::new(Shared {
            roots: request.paths,
            options: request.options,
            state: Mutex::default(),
            changed: Condvar::new(),
        });
        let threads = match std::env::var_os(READAHEAD_ENV) {
            Some(v) if v == "0" => 0,
            _ => READAHEAD_THREADS,
        };
        let mut workers = Vec::with_capacity(threads);
        for _ in 0..threads {
            let shared = shared.clone();
            let spawned = std::thread::Builder::new()
                .name("pyrer-readahead".into())
                .spawn(move || readahead(&shared));
            // Read-ahead is an optimisation: without threads, loads happen on demand.
            if let Ok(handle) = spawned {
                workers.push(handle);
            }
        }
        Ok(DiskSource {
            shared,
            workers,
            memory,
            rez,
            files: Mutex::default(),
        })
    }

    pub(crate) fn stats(&self) -> Stats {
        lock(&self.shared.state).stats.clone()
    }

    /// rez's URI of a resolved variant: its package file, then `[index]`.
    pub(crate) fn uri(&self, name: &str, version: &str, index: Option<usize>) -> Option<String> {
        let files = lock(&self.files);
        let path = files.get(&(name.to_string(), version.to_string()))?;
        let index = index.map(|i| i.to_string()).unwrap_or_default();
        Some(format!("{}[{index}]", path.display()))
    }

    /// The family's packages in `hint`; `Err` names the file rez could not load.
    pub(crate) fn load(
        &self,
        name: &str,
        hint: Option<&VersionRange>,
    ) -> Result<Vec<(String, SolverData)>, String> {
        let mut family = self.take(name);
        // rez's iter_packages parses every version of the family (ENUM-8.4).
        if let Some(bad) = family.entries.iter().find(|e| !is_rez_version(&e.version)) {
            let error = format!(
                "rez could not load family {name:?}: VersionError: Invalid version syntax: '{}' ({})",
                bad.version,
                bad.path.display()
            );
            self.put(name, family);
            return Err(error);
        }
        let wanted = in_range_indexes(&family.entries, hint);
        let mut out: Vec<(String, SolverData)> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        if let Some(memory) = self.memory.get(name) {
            for (version, data) in memory {
                keys.insert(version_key(version));
                out.push((version.clone(), data.clone()));
            }
        }
        let result = if let Some(reason) = family.to_rez {
            self.counted(|rez| rez.family(name), Vec::len, reason, Path::new(name))
                .map(|loaded| merge(&mut out, &mut keys, loaded))
        } else {
            let stats = read_entries(&mut family.entries, &wanted);
            self.add_stats(&stats);
            self.collect(name, &family.entries, &wanted, &mut out, &mut keys)
        };
        if result.is_ok() && family.to_rez.is_none() {
            let loaded = wanted.iter().map(|&i| &family.entries[i]);
            queue(&self.shared, requirement_ranges(loaded));
        }
        self.put(name, family);
        result.map(|()| out)
    }

    /// The family, ready to use: from read-ahead (waiting for it if it is being
    /// loaded) or looked up now.
    fn take(&self, name: &str) -> Family {
        let mut state = lock(&self.shared.state);
        loop {
            match state.slots.remove(name) {
                Some(Slot::Done(family)) => {
                    state.stats.readahead_hits += 1;
                    state.slots.insert(name.to_string(), Slot::Loading);
                    return family;
                }
                Some(Slot::Loading) => {
                    state.slots.insert(name.to_string(), Slot::Loading);
                    state = self
                        .shared
                        .changed
                        .wait(state)
                        .unwrap_or_else(|e| e.into_inner());
                }
                Some(Slot::Queued(_)) | None => {
                    state.slots.insert(name.to_string(), Slot::Loading);
                    drop(state);
                    let (family, stats) = lookup(&self.shared, name);
                    self.add_stats(&stats);
                    return family;
                }
            }
        }
    }

    fn put(&self, name: &str, family: Family) {
        lock(&self.shared.state)
            .slots
            .insert(name.to_string(), Slot::Done(family));
        self.shared.changed.notify_all();
    }

    fn add_stats(&self, stats: &Stats) {
        add(&mut lock(&self.shared.state).stats, stats);
    }

    /// Turns the wanted entries into solver data: static reads as they are, the
    /// rest loaded by rez (with the GIL).
    fn collect(
        &self,
        name: &str,
        entries: &[Entry],
        wanted: &[usize],
        out: &mut Vec<(String, SolverData)>,
        keys: &mut HashSet<String>,
    ) -> Result<(), String> {
        let mut files = lock(&self.files);
        for &i in wanted {
            let entry = &entries[i];
            if keys.contains(&version_key(&entry.version)) {
                continue; // an earlier repository has this version
            }
            if entry.version.is_empty() {
                return Err(format!(
                    "{}: an unversioned package, which rer's solver cannot take \
                     (it has no empty version)",
                    entry.path.display()
                ));
            }
            let data = match &entry.read {
                Some(Read::Static(package)) => SolverData {
                    requires: package.requires.clone(),
                    variants: package.variants.clone(),
                },
                other => self.counted(
                    |rez| rez.package(entry.root, name, &entry.version, &entry.path),
                    |_| 1,
                    rez_reason(other.as_ref()),
                    &entry.path,
                )?,
            };
            files.insert(
                (name.to_string(), entry.version.clone()),
                entry.path.clone(),
            );
            keys.insert(version_key(&entry.version));
            out.push((entry.version.clone(), data));
        }
        Ok(())
    }

    /// Runs a rez load, counting its time and the packages it loaded (`loads` of
    /// its result; a failed load counts as one) under `reason`, `example` being
    /// the file (or family) loaded.
    fn counted<T>(
        &self,
        f: impl FnOnce(&RezLoader) -> Result<T, String>,
        loads: impl FnOnce(&T) -> usize,
        reason: &'static str,
        example: &Path,
    ) -> Result<T, String> {
        let began = Instant::now();
        let result = f(&self.rez);
        let mut stats = Stats {
            rez_loads: result.as_ref().map_or(1, loads),
            rez_load: began.elapsed(),
            ..Stats::default()
        };
        stats.rez_reasons.note(reason, example, stats.rez_loads);
        self.add_stats(&stats);
        result
    }
}

impl Drop for DiskSource {
    fn drop(&mut self) {
        lock(&self.shared.state).stop = true;
        self.shared.changed.notify_all();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// rez's loads, through the Python module `pyrer._rez_load` (the GIL is taken per call).
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
        roots: Vec<Py<PyString>>,
        context: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        Ok(RezLoader {
            module: py.import(REZ_MODULE)?.into_any().unbind(),
            roots,
            context,
        })
    }

    /// rez's load of one package file (`version` "" for an unversioned package).
    pub(crate) fn package(
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

    /// The family as rez's `iter_packages` gives it over all the roots, every
    /// version (the solver accepts more than its hint asks for).
    pub(crate) fn family(&self, name: &str) -> Result<Vec<(String, SolverData)>, String> {
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

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub(crate) fn add(total: &mut Stats, part: &Stats) {
    total.rez_reasons.merge(&part.rez_reasons);
    total.families += part.families;
    total.scan += part.scan;
    total.files_read += part.files_read;
    total.read += part.read;
    total.static_reads += part.static_reads;
    total.static_parse += part.static_parse;
    total.rez_loads += part.rez_loads;
    total.rez_load += part.rez_load;
    total.readahead_families += part.readahead_families;
}

/// rez's version equality ignores separators (`1.0` equals `1-0`).
pub(crate) fn version_key(version: &str) -> String {
    version.replace('-', ".")
}

/// Whether the directory version `version` is in `range` (None: every version).
fn in_range(range: Option<&VersionRange>, version: &str) -> bool {
    let Some(range) = range else {
        return true;
    };
    quiet::catch(|| RerVersion::try_from(version).ok())
        .ok()
        .flatten()
        .is_some_and(|v| range.contains(&v))
}

/// The indexes of the entries whose version is in `range`.
fn in_range_indexes(entries: &[Entry], range: Option<&VersionRange>) -> Vec<usize> {
    (0..entries.len())
        .filter(|&i| in_range(range, &entries[i].version))
        .collect()
}

fn merge(
    out: &mut Vec<(String, SolverData)>,
    keys: &mut HashSet<String>,
    loaded: Vec<(String, SolverData)>,
) {
    for (version, data) in loaded {
        if keys.insert(version_key(&version)) {
            out.push((version, data));
        }
    }
}

/// The families whose directory could not be listed (a problem on the directory
/// itself): rez's `iter_packages` raises for those, so only rez can answer. A
/// problem further down (an unreadable version directory or file) leaves the
/// family's entries rez's; rez loads just the entries whose files were not read.
pub(crate) fn unlisted_families(output: &pyrer_scanner::ScanOutput) -> HashSet<&str> {
    output
        .families
        .iter()
        .filter(|f| output.problems.iter().any(|p| p.path == f.path))
        .map(|f| f.name.as_str())
        .collect()
}

/// Looks `name` up in every root with the scanner.
fn lookup(shared: &Shared, name: &str) -> (Family, Stats) {
    let began = Instant::now();
    let options = ScanOptions {
        families: Some(vec![name.to_string()]),
        ..shared.options.clone()
    };
    let scanned = quiet::catch(|| pyrer_scanner::scan_repo(&shared.roots, &options));
    let mut stats = Stats {
        families: 1,
        scan: began.elapsed(),
        ..Stats::default()
    };
    let output = match scanned {
        Ok(Ok(output)) => output,
        // Problems, errors, a panic: rez's own answer is the reference.
        _ => {
            stats.scan = began.elapsed();
            return (
                Family {
                    entries: Vec::new(),
                    to_rez: Some(reasons::UNLISTED),
                },
                stats,
            );
        }
    };
    let mut family = Family {
        entries: Vec::new(),
        to_rez: (!unlisted_families(&output).is_empty()).then_some(reasons::UNLISTED),
    };
    let mut keys: HashSet<String> = HashSet::new();
    for package in output.packages {
        if package.kind == PackageKind::Combined {
            family.to_rez = Some(reasons::COMBINED);
            continue;
        }
        let entry = Entry::new(package);
        if keys.insert(version_key(&entry.version)) {
            family.entries.push(entry); // the first root wins a version
        }
    }
    (family, stats)
}

/// Reads and statically reads the entries `wanted` that are not read yet.
pub(crate) fn read_entries(entries: &mut [Entry], wanted: &[usize]) -> Stats {
    let todo: Vec<(usize, &Entry)> = wanted
        .iter()
        .map(|&i| (i, &entries[i]))
        .filter(|(_, e)| e.read.is_none())
        .collect();
    let mut stats = Stats::default();
    if todo.is_empty() {
        return stats;
    }
    let began = Instant::now();
    let done = on_read_threads(&todo, |entry| read_one(entry));
    stats.read = began.elapsed();
    for (i, (read, parse)) in done {
        if let Some(parse) = parse {
            stats.files_read += 1;
            stats.static_parse += parse;
        }
        if matches!(read, Read::Static(_)) {
            stats.static_reads += 1;
        }
        entries[i].read = Some(read);
    }
    stats
}

/// One entry's file read and statically read (on a read thread), and the time
/// the static read took (None: no file was read).
fn read_one(entry: &Entry) -> (Read, Option<Duration>) {
    if entry.format != Some(Format::Py) {
        return (Read::Rez(reasons::FORMAT), None);
    }
    let Ok(bytes) = std::fs::read(&entry.path) else {
        return (Read::Rez(reasons::UNREADABLE), None);
    };
    let began = Instant::now();
    let parsed = quiet::catch(|| {
        let python = crate::python_version();
        pyrer_reader::read_in_repository(&bytes, &entry.family, &entry.version, python, || {
            pyrer_reader::old_format_beside(&entry.path)
        })
    });
    let read = match parsed {
        Ok(Ok(package)) => Read::Static(package),
        Ok(Err(refused)) => Read::Rez(refused.reason()),
        // A reader panic is a bug, but rez's load is still the answer.
        Err(_) => Read::Rez(reasons::READER_PANIC),
    };
    (read, Some(began.elapsed()))
}

/// Why an entry went to rez (an entry is read before it is loaded).
pub(crate) fn rez_reason(read: Option<&Read>) -> &'static str {
    match read {
        Some(Read::Rez(reason)) => reason,
        _ => reasons::UNREADABLE,
    }
}

/// `work` on each `(index, item)`, on up to `READ_THREADS` threads (on this one
/// where none can be started), results by index.
fn on_read_threads<T: Sync, R: Send>(
    items: &[(usize, T)],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<(usize, R)> {
    let run = |(i, item): &(usize, T)| (*i, work(item));
    if items.len() <= 1 {
        return items.iter().map(run).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || items.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let threads = items.len().min(READ_THREADS);
    let mut out: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        while let Some(item) = take() {
                            mine.push(run(item));
                        }
                        mine
                    })
                    .ok()
            })
            .collect();
        let mut all: Vec<_> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        // Whatever no thread took (threads could not be started): done here.
        while let Some(item) = take() {
            all.push(run(item));
        }
        all
    });
    out.sort_by_key(|(i, _)| *i);
    out
}

/// The (family, range) each non-conflict requirement of `entries` names.
fn requirement_ranges<'a>(
    entries: impl Iterator<Item = &'a Entry>,
) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for entry in entries {
        let Some(Read::Static(package)) = &entry.read else {
            continue;
        };
        let strings = package
            .requires
            .iter()
            .chain(package.variants.iter().flatten());
        for s in strings {
            if let Ok(req) = quiet::catch(|| Requirement::parse(s)) {
                if !req.is_conflict() && !req.name().starts_with('.') {
                    let range = req.range().filter(|r| !r.is_any()).map(|r| r.to_string());
                    out.push((req.name().to_string(), range));
                }
            }
        }
    }
    out
}

/// Queues families for read-ahead, widening the range of those already queued.
fn queue(shared: &Shared, wanted: Vec<(String, Option<String>)>) {
    let mut state = lock(&shared.state);
    let mut added = false;
    for (name, range) in wanted {
        match state.slots.get_mut(&name) {
            Some(Slot::Queued(queued)) => *queued = widen(queued.take(), range),
            Some(_) => {}
            None => {
                if state.stats.readahead_families + state.queue.len() >= READAHEAD_FAMILIES {
                    continue;
                }
                state.slots.insert(name.clone(), Slot::Queued(range));
                state.queue.push_back(name);
                added = true;
            }
        }
    }
    drop(state);
    if added {
        shared.changed.notify_all();
    }
}

/// The union of two ranges as a range string (None: every version).
fn widen(a: Option<String>, b: Option<String>) -> Option<String> {
    let (a, b) = (a?, b?);
    quiet::catch(|| {
        VersionRange::parse(&a)
            .union(&VersionRange::parse(&b))
            .to_string()
    })
    .ok()
}

/// A read-ahead thread: loads queued families until the solve ends.
fn readahead(shared: &Shared) {
    loop {
        let (name, range) = {
            let mut state = lock(&shared.state);
            loop {
                if state.stop {
                    return;
                }
                if let Some(name) = state.queue.pop_front() {
                    if let Some(Slot::Queued(range)) = state.slots.remove(&name) {
                        state.slots.insert(name.clone(), Slot::Loading);
                        state.stats.readahead_families += 1;
                        break (name, range);
                    }
                    continue;
                }
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(|e| e.into_inner());
            }
        };
        let loaded = quiet::catch(|| {
            let (mut family, mut stats) = lookup(shared, &name);
            let mut requirements = Vec::new();
            if family.to_rez.is_none() {
                let parsed = range.as_deref().map(VersionRange::parse);
                let wanted = in_range_indexes(&family.entries, parsed.as_ref());
                add(&mut stats, &read_entries(&mut family.entries, &wanted));
                requirements = requirement_ranges(wanted.iter().map(|&i| &family.entries[i]));
            }
            (family, stats, requirements)
        });
        let mut state = lock(&shared.state);
        match loaded {
            Ok((family, stats, requirements)) => {
                add(&mut state.stats, &stats);
                state.slots.insert(name, Slot::Done(family));
                drop(state);
                queue(shared, requirements);
            }
            // The solver will look it up itself, and meet the problem there.
            Err(_) => {
                state.slots.remove(&name);
            }
        }
        shared.changed.notify_all();
    }
}
