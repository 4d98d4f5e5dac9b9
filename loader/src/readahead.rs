//! Read-ahead: the families a loaded family's requirements name, loaded on the
//! read queue's `ahead` lane before the solver asks for them.
//!
//! The solver asks for families one at a time, each after the last one's
//! packages told it what to look at next; on a network filesystem that is a
//! chain of round trips. Once a family's packages are read, the families their
//! requirements name are queued here and loaded (scan, read, static read;
//! never rez) by read-queue threads, so the solver finds them ready.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

use pyrer_reader::{quiet, PythonVersion};
use pyrer_scanner::ScanOptions;
use rer_resolver::rez_solver::Requirement;
use rer_version::VersionRange;

use crate::index::{self, Entry, Family, Read};
use crate::queue::{lock, ReadQueue};
use crate::read::read_entries;
use crate::stats::Stats;

/// The most families one solve loads ahead (a bound on wasted I/O).
pub const READAHEAD_FAMILIES: usize = 2048;

/// A family's place in one solve.
enum Slot {
    /// Wanted ahead, with the union of the ranges asked for (None: all).
    Queued(Option<String>),
    /// Someone is loading it: wait.
    Loading,
    Done(Family),
}

#[derive(Default)]
struct State {
    slots: HashMap<String, Slot>,
    stop: bool,
    stats: Stats,
}

/// One solve's families: looked up on demand, or ahead of it.
pub(crate) struct Families {
    roots: Vec<PathBuf>,
    options: ScanOptions,
    python: PythonVersion,
    queue: &'static ReadQueue,
    readahead: bool,
    state: Mutex<State>,
    changed: Condvar,
}

impl Families {
    pub(crate) fn new(
        roots: Vec<PathBuf>,
        options: ScanOptions,
        python: PythonVersion,
        queue: &'static ReadQueue,
        readahead: bool,
    ) -> Arc<Self> {
        Arc::new(Families {
            roots,
            options,
            python,
            queue,
            readahead,
            state: Mutex::default(),
            changed: Condvar::new(),
        })
    }

    /// Reads the entries `wanted` that are not read yet (see `read::read_entries`).
    pub(crate) fn read(&self, entries: &mut [Entry], wanted: &[usize]) -> Stats {
        read_entries(self.queue, self.python, entries, wanted)
    }

    pub(crate) fn stats(&self) -> Stats {
        lock(&self.state).stats.clone()
    }

    pub(crate) fn add_stats(&self, stats: &Stats) {
        lock(&self.state).stats.add(stats);
    }

    /// Read-ahead jobs not started yet do nothing (the solve is over).
    pub(crate) fn stop(&self) {
        lock(&self.state).stop = true;
    }

    /// The family, ready to use: from read-ahead (waiting for it if it is being
    /// loaded) or looked up now. It is the caller's until `put` back.
    pub(crate) fn take(&self, name: &str) -> Family {
        let mut state = lock(&self.state);
        loop {
            match state.slots.remove(name) {
                Some(Slot::Done(family)) => {
                    state.stats.readahead_hits += 1;
                    state.slots.insert(name.to_string(), Slot::Loading);
                    return family;
                }
                Some(Slot::Loading) => {
                    state.slots.insert(name.to_string(), Slot::Loading);
                    state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
                }
                Some(Slot::Queued(_)) | None => {
                    state.slots.insert(name.to_string(), Slot::Loading);
                    drop(state);
                    let (family, stats) = index::lookup(&self.roots, &self.options, name);
                    self.add_stats(&stats);
                    return family;
                }
            }
        }
    }

    pub(crate) fn put(&self, name: &str, family: Family) {
        lock(&self.state)
            .slots
            .insert(name.to_string(), Slot::Done(family));
        self.changed.notify_all();
    }

    /// Queues the families `entries`' requirements name for read-ahead,
    /// widening the range of those already queued.
    pub(crate) fn ahead<'a>(self: &Arc<Self>, entries: impl Iterator<Item = &'a Entry>) {
        if !self.readahead {
            return;
        }
        let wanted = requirement_ranges(entries);
        let mut state = lock(&self.state);
        let mut jobs = 0;
        for (name, range) in wanted {
            match state.slots.get_mut(&name) {
                Some(Slot::Queued(queued)) => *queued = widen(queued.take(), range),
                Some(_) => {}
                None => {
                    if state.stats.readahead_families + jobs >= READAHEAD_FAMILIES {
                        continue;
                    }
                    state.slots.insert(name.clone(), Slot::Queued(range));
                    jobs += 1;
                    let families = self.clone();
                    self.queue.ahead(move || families.load_ahead(&name));
                }
            }
        }
    }

    /// A read-ahead job: loads `name` if it is still only queued.
    fn load_ahead(self: &Arc<Self>, name: &str) {
        let range = {
            let mut state = lock(&self.state);
            if state.stop {
                return;
            }
            match state.slots.remove(name) {
                Some(Slot::Queued(range)) => {
                    state.slots.insert(name.to_string(), Slot::Loading);
                    state.stats.readahead_families += 1;
                    range
                }
                Some(other) => {
                    state.slots.insert(name.to_string(), other);
                    return;
                }
                None => return,
            }
        };
        let loaded = quiet::catch(|| {
            let (mut family, mut stats) = index::lookup(&self.roots, &self.options, name);
            let mut wanted = Vec::new();
            if family.to_rez.is_none() {
                let parsed = range.as_deref().map(VersionRange::parse);
                wanted = in_range_indexes(&family.entries, parsed.as_ref());
                stats.add(&self.read(&mut family.entries, &wanted));
            }
            (family, stats, wanted)
        });
        match loaded {
            Ok((family, stats, wanted)) => {
                self.ahead(wanted.iter().map(|&i| &family.entries[i]));
                let mut state = lock(&self.state);
                state.stats.add(&stats);
                state.slots.insert(name.to_string(), Slot::Done(family));
            }
            // The solver will look it up itself, and meet the problem there.
            Err(_) => {
                lock(&self.state).slots.remove(name);
            }
        }
        self.changed.notify_all();
    }
}

/// Whether the directory version `version` is in `range` (None: every version).
fn in_range(range: Option<&VersionRange>, version: &str) -> bool {
    let Some(range) = range else {
        return true;
    };
    quiet::catch(|| rer_version::RerVersion::try_from(version).ok())
        .ok()
        .flatten()
        .is_some_and(|v| range.contains(&v))
}

/// The indexes of the entries whose version is in `range`.
pub(crate) fn in_range_indexes(entries: &[Entry], range: Option<&VersionRange>) -> Vec<usize> {
    (0..entries.len())
        .filter(|&i| in_range(range, &entries[i].version))
        .collect()
}

/// The (family, range) each non-conflict requirement of `entries` names.
fn requirement_ranges<'a>(
    entries: impl Iterator<Item = &'a Entry>,
) -> VecDeque<(String, Option<String>)> {
    let mut out = VecDeque::new();
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
                    out.push_back((req.name().to_string(), range));
                }
            }
        }
    }
    out
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
