//! Every package of whole roots (`load_packages`): one scan, every file read, rez for the rest.

use std::path::Path;
use std::time::Instant;

use pyrer_reader::PythonVersion;
use pyrer_scanner::ScanOutput;
use rer_resolver::PackageData;

use crate::fallback::RezFallback;
use crate::index::{families, Entry, Read};
use crate::loader::rez_reason;
use crate::queue::ReadQueue;
use crate::read::read_entries;
use crate::stats::Stats;

/// One loaded package.
pub struct Loaded {
    pub name: String,
    pub version: String,
    pub data: PackageData,
}

/// What [`load_all`] gives.
pub struct All {
    /// The scan without its packages (they are in `packages`): its problems and
    /// absent roots are the caller's to report.
    pub output: ScanOutput,
    /// One package per (family, version), the first root winning, by family.
    pub packages: Vec<Loaded>,
    /// What rez could not load: (file or family, rez's error).
    pub failures: Vec<(String, String)>,
    pub stats: Stats,
}

/// Loads every package a scan found (the scan of whole roots, or of named
/// families): one per (family, version), the first root winning, by family.
/// `stats.scan` is left for the caller, who ran the scan.
pub fn load_all(mut output: ScanOutput, python: PythonVersion, fallback: &dyn RezFallback) -> All {
    let mut stats = Stats {
        families: output.families.len(),
        ..Stats::default()
    };
    let mut index: Vec<_> = families(&mut output).into_iter().collect();
    index.sort_by(|a, b| a.0.cmp(&b.0));
    let mut entries: Vec<Entry> = Vec::new();
    let mut whole: Vec<(String, &'static str)> = Vec::new();
    for (name, family) in index {
        match family.to_rez {
            Some(reason) => whole.push((name, reason)),
            None => entries.extend(family.entries),
        }
    }
    let all: Vec<usize> = (0..entries.len()).collect();
    stats.add(&read_entries(
        ReadQueue::global(),
        python,
        &mut entries,
        &all,
    ));
    let mut packages = Vec::with_capacity(entries.len());
    let mut failures = Vec::new();
    let began = Instant::now();
    for entry in entries {
        let data = match entry.read {
            Some(Read::Static(package)) => Ok(PackageData {
                requires: package.requires,
                variants: package.variants,
            }),
            other => {
                let reason = rez_reason(other.as_ref());
                stats.rez_loads += 1;
                stats.rez_reasons.note(reason, &entry.path, 1);
                fallback.package(entry.root, &entry.family, &entry.version, &entry.path)
            }
        };
        match data {
            Ok(data) => packages.push(Loaded {
                name: entry.family,
                version: entry.version,
                data,
            }),
            Err(message) => failures.push((entry.path.display().to_string(), message)),
        }
    }
    for (name, reason) in whole {
        match fallback.family(&name) {
            Ok(loaded) => {
                stats.rez_loads += loaded.len();
                stats
                    .rez_reasons
                    .note(reason, Path::new(&name), loaded.len());
                packages.extend(loaded.into_iter().map(|(version, data)| Loaded {
                    name: name.clone(),
                    version,
                    data,
                }));
            }
            Err(message) => failures.push((name, message)),
        }
    }
    stats.rez_load = began.elapsed();
    All {
        output,
        packages,
        failures,
        stats,
    }
}
