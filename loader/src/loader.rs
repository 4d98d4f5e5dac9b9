//! One solve's package source: the families the solver asks for, loaded from the roots.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use pyrer_reader::{is_rez_version, PythonVersion};
use pyrer_scanner::ScanOptions;
use rer_resolver::rez_solver::FamilyMap;
use rer_resolver::PackageData;
use rer_version::VersionRange;

use crate::fallback::RezFallback;
use crate::index::{version_key, Entry, Read};
use crate::queue::{lock, ReadQueue};
use crate::readahead::{in_range_indexes, Families};
use crate::stats::Stats;

/// Where a loaded package came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The index of its root in the roots given.
    pub root: usize,
    /// Its package file.
    pub file: PathBuf,
}

/// What a [`Loader`] loads from.
pub struct Config {
    pub roots: Vec<PathBuf>,
    /// The scan settings (rez's configuration); `families` is ignored.
    pub options: ScanOptions,
    /// The grammar package files are read with (the interpreter rez runs in).
    pub python: PythonVersion,
    /// Load the families requirements name ahead of the solver.
    pub readahead: bool,
}

/// The solver's repository over `roots` for one solve: for each family the
/// solver asks for, the family is looked up in every root (the first root
/// wins a version), the versions in the solver's range hint are read through
/// the read queue and read statically, and `fallback` (rez) loads what the
/// static reader cannot take. Name and version always come from the directories.
pub struct Loader {
    families: Arc<Families>,
    /// In-memory packages: a repository ahead of the roots.
    memory: HashMap<String, FamilyMap>,
    fallback: Box<dyn RezFallback>,
    /// (family, version) -> where it was read from.
    origins: Mutex<HashMap<(String, String), Origin>>,
}

impl Loader {
    pub fn new(
        config: Config,
        memory: HashMap<String, FamilyMap>,
        fallback: Box<dyn RezFallback>,
    ) -> Self {
        Self::on_queue(config, memory, fallback, ReadQueue::global())
    }

    /// The same, reading through `queue` (tests).
    pub fn on_queue(
        config: Config,
        memory: HashMap<String, FamilyMap>,
        fallback: Box<dyn RezFallback>,
        queue: &'static ReadQueue,
    ) -> Self {
        let families = Families::new(
            config.roots,
            config.options,
            config.python,
            queue,
            config.readahead,
        );
        Loader {
            families,
            memory,
            fallback,
            origins: Mutex::default(),
        }
    }

    pub fn stats(&self) -> Stats {
        self.families.stats()
    }

    /// Where `name`-`version` was read from (None: from memory, or from a family rez loaded whole).
    pub fn origin(&self, name: &str, version: &str) -> Option<Origin> {
        lock(&self.origins)
            .get(&(name.to_string(), version.to_string()))
            .cloned()
    }

    /// The family's packages in `hint` (and maybe more); `Err` is what rez
    /// raises: a version it cannot parse, or a file it cannot load.
    pub fn load(
        &self,
        name: &str,
        hint: Option<&VersionRange>,
    ) -> Result<Vec<(String, PackageData)>, String> {
        let mut family = self.families.take(name);
        // rez's iter_packages parses every version of the family (ENUM-8.4).
        if let Some(bad) = family.entries.iter().find(|e| !is_rez_version(&e.version)) {
            let error = format!(
                "rez could not load family {name:?}: VersionError: Invalid version syntax: '{}' ({})",
                bad.version,
                bad.path.display()
            );
            self.families.put(name, family);
            return Err(error);
        }
        let wanted = in_range_indexes(&family.entries, hint);
        let mut out: Vec<(String, PackageData)> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        if let Some(memory) = self.memory.get(name) {
            for (version, data) in memory {
                keys.insert(version_key(version));
                out.push((version.clone(), data.clone()));
            }
        }
        let result = if let Some(reason) = family.to_rez {
            self.counted(|rez| rez.family(name), Vec::len, reason, Path::new(name))
                .map(|loaded| {
                    for (version, data) in loaded {
                        if keys.insert(version_key(&version)) {
                            out.push((version, data));
                        }
                    }
                })
        } else {
            let stats = self.families.read(&mut family.entries, &wanted);
            self.families.add_stats(&stats);
            self.collect(name, &family.entries, &wanted, &mut out, &mut keys)
        };
        if result.is_ok() && family.to_rez.is_none() {
            self.families
                .ahead(wanted.iter().map(|&i| &family.entries[i]));
        }
        self.families.put(name, family);
        result.map(|()| out)
    }

    /// Turns the wanted entries into solver data: static reads as they are, the
    /// rest loaded by rez.
    fn collect(
        &self,
        name: &str,
        entries: &[Entry],
        wanted: &[usize],
        out: &mut Vec<(String, PackageData)>,
        keys: &mut HashSet<String>,
    ) -> Result<(), String> {
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
                Some(Read::Static(package)) => PackageData {
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
            let origin = Origin {
                root: entry.root,
                file: entry.path.clone(),
            };
            lock(&self.origins).insert((name.to_string(), entry.version.clone()), origin);
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
        f: impl FnOnce(&dyn RezFallback) -> Result<T, String>,
        loads: impl FnOnce(&T) -> usize,
        reason: &'static str,
        example: &Path,
    ) -> Result<T, String> {
        let began = Instant::now();
        let result = f(self.fallback.as_ref());
        let mut stats = Stats {
            rez_loads: result.as_ref().map_or(1, loads),
            rez_load: began.elapsed(),
            ..Stats::default()
        };
        stats.rez_reasons.note(reason, example, stats.rez_loads);
        self.families.add_stats(&stats);
        result
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.families.stop();
    }
}

/// Why an entry went to rez (an entry is read before it is loaded).
pub fn rez_reason(read: Option<&Read>) -> &'static str {
    match read {
        Some(Read::Rez(reason)) => reason,
        _ => crate::reasons::UNREADABLE,
    }
}
