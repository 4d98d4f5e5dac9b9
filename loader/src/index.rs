//! The family index: which package files a family has across the roots, from the scanner.
//!
//! A family is looked up by name in every root (rez's `get_package_family`,
//! `docs/enumeration.md` ENUM-7) or taken from a whole-root scan; either way
//! the first root wins a version, as in rez's `iter_packages`, and a family
//! only rez can answer for carries the reason.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use pyrer_reader::{quiet, StaticPackage};
use pyrer_scanner::{Format, PackageKind, ScanOptions, ScanOutput, ScannedPackage};

use crate::reasons;
use crate::stats::Stats;

/// One version of a family, as the scan found it.
pub struct Entry {
    pub family: String,
    /// The index of its root in the roots given.
    pub root: usize,
    /// The directory name ("" for an unversioned package).
    pub version: String,
    /// The package file.
    pub path: PathBuf,
    pub format: Option<Format>,
    /// What reading the file gave (None: not read yet).
    pub read: Option<Read>,
}

impl Entry {
    fn new(package: ScannedPackage) -> Self {
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
pub enum Read {
    Static(StaticPackage),
    /// rez must load it, for this reason (a `reasons` key, or the static reader's).
    Rez(&'static str),
}

/// A family's entries across the roots, one per version (first root wins).
#[derive(Default)]
pub struct Family {
    pub entries: Vec<Entry>,
    /// The whole family goes to rez, and why: a combined family (`ROOT/foo.py`)
    /// or a family directory that could not be listed, where only rez knows its
    /// exact answer.
    pub to_rez: Option<&'static str>,
}

/// rez's version equality ignores separators (`1.0` equals `1-0`).
pub fn version_key(version: &str) -> String {
    version.replace('-', ".")
}

/// Looks `name` up in every root with the scanner; the stats count one family.
pub fn lookup(roots: &[PathBuf], options: &ScanOptions, name: &str) -> (Family, Stats) {
    let began = Instant::now();
    let options = ScanOptions {
        families: Some(vec![name.to_string()]),
        ..options.clone()
    };
    let scanned = quiet::catch(|| pyrer_scanner::scan_repo(roots, &options));
    let family = match scanned {
        Ok(Ok(mut output)) => families(&mut output).remove(name).unwrap_or_default(),
        // Problems, errors, a panic: rez's own answer is the reference.
        _ => Family {
            entries: Vec::new(),
            to_rez: Some(reasons::UNLISTED),
        },
    };
    let stats = Stats {
        families: 1,
        scan: began.elapsed(),
        ..Stats::default()
    };
    (family, stats)
}

/// Every family of a scan, by name: its entries in the scan's order, one per
/// version (the first root wins), and whether only rez can answer for it. The
/// packages are taken out of `output` (its problems and absent roots stay).
pub fn families(output: &mut ScanOutput) -> HashMap<String, Family> {
    let unlisted = unlisted_families(output);
    let mut out: HashMap<String, Family> = HashMap::new();
    for name in unlisted {
        out.entry(name).or_default().to_rez = Some(reasons::UNLISTED);
    }
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for package in std::mem::take(&mut output.packages) {
        let family = out.entry(package.family.clone()).or_default();
        if package.kind == PackageKind::Combined {
            family.to_rez.get_or_insert(reasons::COMBINED);
            continue;
        }
        let entry = Entry::new(package);
        if seen.insert((entry.family.clone(), version_key(&entry.version))) {
            family.entries.push(entry);
        }
    }
    out
}

/// The families whose directory could not be listed (a problem on the directory
/// itself): rez's `iter_packages` raises for those, so only rez can answer. A
/// problem further down (an unreadable version directory or file) leaves the
/// family's entries rez's; rez loads just the entries whose files were not read.
fn unlisted_families(output: &ScanOutput) -> Vec<String> {
    output
        .families
        .iter()
        .filter(|f| output.problems.iter().any(|p| p.path == f.path))
        .map(|f| f.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::package;
    use std::fs;

    #[test]
    fn the_first_root_wins_a_version() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        package(a.path(), "foo", "1.0", "name = 'foo'\n");
        package(b.path(), "foo", "1-0", "name = 'foo'\n"); // equal to 1.0 for rez
        package(b.path(), "foo", "2.0", "name = 'foo'\n");
        let roots = vec![a.path().to_path_buf(), b.path().to_path_buf()];
        let (family, stats) = lookup(&roots, &ScanOptions::default(), "foo");
        assert_eq!(stats.families, 1);
        assert!(family.to_rez.is_none());
        let mut found: Vec<(usize, &str)> = family
            .entries
            .iter()
            .map(|e| (e.root, e.version.as_str()))
            .collect();
        found.sort();
        assert_eq!(found, vec![(0, "1.0"), (1, "2.0")]);
        let first = family.entries.iter().find(|e| e.root == 0).unwrap();
        assert_eq!(first.path, a.path().join("foo/1.0/package.py"));
        assert_eq!(first.format, Some(Format::Py));
    }

    #[test]
    fn a_missing_family_has_no_entries() {
        let root = tempfile::tempdir().unwrap();
        package(root.path(), "foo", "1.0", "name = 'foo'\n");
        let roots = vec![root.path().to_path_buf()];
        let (family, _) = lookup(&roots, &ScanOptions::default(), "bar");
        assert!(family.entries.is_empty());
        assert!(family.to_rez.is_none());
    }

    #[test]
    fn a_combined_family_goes_to_rez() {
        let root = tempfile::tempdir().unwrap();
        fs::write(
            root.path().join("combo.py"),
            "name = 'combo'\nversions = ['1.0']\n",
        )
        .unwrap();
        let roots = vec![root.path().to_path_buf()];
        let (family, _) = lookup(&roots, &ScanOptions::default(), "combo");
        assert_eq!(family.to_rez, Some(reasons::COMBINED));
    }

    #[cfg(unix)]
    #[test]
    fn an_unlistable_family_goes_to_rez() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        package(root.path(), "foo", "1.0", "name = 'foo'\n");
        let dir = root.path().join("foo");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read_dir(&dir).is_ok() {
            // root ignores permissions: this case cannot be made here.
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!("skipped: running as root, directory permissions do not apply");
            return;
        }
        let roots = vec![root.path().to_path_buf()];
        let (family, _) = lookup(&roots, &ScanOptions::default(), "foo");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(family.to_rez, Some(reasons::UNLISTED));
    }

    #[test]
    fn a_whole_scan_indexes_every_family() {
        let root = tempfile::tempdir().unwrap();
        package(root.path(), "foo", "1.0", "name = 'foo'\n");
        package(root.path(), "foo", "2.0", "name = 'foo'\n");
        package(root.path(), "bar", "3", "name = 'bar'\n");
        let roots = vec![root.path().to_path_buf()];
        let mut output = pyrer_scanner::scan_repo(&roots, &ScanOptions::default()).unwrap();
        let index = families(&mut output);
        assert!(
            output.packages.is_empty(),
            "the packages were taken, not copied"
        );
        let mut names: Vec<&String> = index.keys().collect();
        names.sort();
        assert_eq!(names, ["bar", "foo"]);
        assert_eq!(index["foo"].entries.len(), 2);
        assert_eq!(index["bar"].entries[0].version, "3");
    }
}
