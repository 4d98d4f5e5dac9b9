//! The loader over real directories, with a fake rez: lookups, reads, fallbacks, read-ahead.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pyrer_reader::PythonVersion;
use pyrer_scanner::ScanOptions;
use rer_resolver::rez_solver::FamilyMap;
use rer_resolver::PackageData;
use rer_version::VersionRange;

use crate::{load_all, reasons, Config, Loader, Origin, ReadQueue, RezFallback};

const PY: PythonVersion = PythonVersion {
    major: 3,
    minor: 11,
};

/// A stand-in for rez: answers every load with one requirement naming what was
/// loaded, and records the calls.
#[derive(Clone, Default)]
struct FakeRez {
    calls: Arc<Mutex<Vec<String>>>,
}

impl RezFallback for FakeRez {
    fn package(
        &self,
        root: usize,
        name: &str,
        version: &str,
        _: &Path,
    ) -> Result<PackageData, String> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("{root}:{name}-{version}"));
        if name == "broken" {
            return Err("rez could not load broken: SyntaxError: bad".into());
        }
        Ok(PackageData {
            requires: vec![format!("from_rez_{name}")],
            variants: vec![],
        })
    }

    fn family(&self, name: &str) -> Result<Vec<(String, PackageData)>, String> {
        self.calls.lock().unwrap().push(format!("family:{name}"));
        Ok(vec![("7".into(), PackageData::default())])
    }
}

/// Writes `root/family/version/package.py` (shared by the crate's tests).
pub(crate) fn package(root: &Path, family: &str, version: &str, text: &str) {
    let dir = root.join(family).join(version);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("package.py"), text).unwrap();
}

fn queue() -> &'static ReadQueue {
    Box::leak(Box::new(ReadQueue::new(4)))
}

fn loader(roots: &[&Path], readahead: bool, rez: &FakeRez) -> Loader {
    loader_with(roots, readahead, rez, HashMap::new())
}

fn loader_with(
    roots: &[&Path],
    readahead: bool,
    rez: &FakeRez,
    memory: HashMap<String, FamilyMap>,
) -> Loader {
    let config = Config {
        roots: roots.iter().map(|r| r.to_path_buf()).collect(),
        options: ScanOptions::default(),
        python: PY,
        readahead,
    };
    Loader::on_queue(config, memory, Box::new(rez.clone()), queue())
}

fn versions(loaded: &[(String, PackageData)]) -> Vec<&str> {
    let mut v: Vec<&str> = loaded.iter().map(|(v, _)| v.as_str()).collect();
    v.sort();
    v
}

#[test]
fn a_family_is_read_statically_within_the_hint() {
    let root = tempfile::tempdir().unwrap();
    for v in ["1.0", "2.0", "3.0"] {
        package(
            root.path(),
            "foo",
            v,
            &format!("name = 'foo'\nversion = '{v}'\nrequires = ['bar-{v}']\n"),
        );
    }
    let rez = FakeRez::default();
    let loader = loader(&[root.path()], false, &rez);
    let hint = VersionRange::parse("2+");
    let loaded = loader.load("foo", Some(&hint)).unwrap();
    assert_eq!(versions(&loaded), ["2.0", "3.0"]);
    let two = loaded.iter().find(|(v, _)| v == "2.0").unwrap();
    assert_eq!(two.1.requires, ["bar-2.0"]);
    assert!(rez.calls.lock().unwrap().is_empty(), "nothing went to rez");
    let stats = loader.stats();
    assert_eq!(
        (stats.families, stats.files_read, stats.static_reads),
        (1, 2, 2)
    );
    assert_eq!(
        loader.origin("foo", "3.0"),
        Some(Origin {
            root: 0,
            file: root.path().join("foo/3.0/package.py")
        })
    );
    assert_eq!(loader.origin("foo", "1.0"), None, "not loaded");
}

#[test]
fn what_the_reader_refuses_goes_to_rez_with_its_reason() {
    let root = tempfile::tempdir().unwrap();
    package(
        root.path(),
        "foo",
        "1.0",
        "name = 'foo'\nrequires = ['a' + 'b']\n",
    );
    let rez = FakeRez::default();
    let loader = loader(&[root.path()], false, &rez);
    let loaded = loader.load("foo", None).unwrap();
    assert_eq!(loaded[0].1.requires, ["from_rez_foo"]);
    assert_eq!(*rez.calls.lock().unwrap(), ["0:foo-1.0"]);
    let stats = loader.stats();
    assert_eq!(stats.rez_loads, 1);
    let reasons: Vec<&str> = stats.rez_reasons.iter().map(|(r, _)| r).collect();
    assert_eq!(reasons, ["expression"]);
}

#[test]
fn rez_errors_and_bad_versions_are_errors_naming_the_file() {
    let root = tempfile::tempdir().unwrap();
    package(
        root.path(),
        "broken",
        "1.0",
        "name = 'broken'\nrequires = [f()]\n",
    );
    package(root.path(), "odd", "1.0", "name = 'odd'\n");
    package(root.path(), "odd", "not!valid", "name = 'odd'\n");
    let rez = FakeRez::default();
    let loader = loader(&[root.path()], false, &rez);
    let err = loader.load("broken", None).unwrap_err();
    assert!(err.contains("SyntaxError"), "{err}");
    let err = loader.load("odd", None).unwrap_err();
    assert!(err.contains("Invalid version syntax: 'not!valid'"), "{err}");
    assert!(err.contains("odd/not!valid/package.py"), "{err}");
}

#[test]
fn the_first_root_wins_and_memory_comes_before_the_roots() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    package(
        a.path(),
        "foo",
        "1.0",
        "name = 'foo'\nrequires = ['from_a']\n",
    );
    package(
        b.path(),
        "foo",
        "1.0",
        "name = 'foo'\nrequires = ['from_b']\n",
    );
    package(
        b.path(),
        "foo",
        "2.0",
        "name = 'foo'\nrequires = ['from_b']\n",
    );
    let mut memory: HashMap<String, FamilyMap> = HashMap::new();
    let in_memory = PackageData {
        requires: vec!["from_memory".into()],
        variants: vec![],
    };
    memory
        .entry("foo".into())
        .or_default()
        .insert("2-0".into(), in_memory);
    let rez = FakeRez::default();
    let loader = loader_with(&[a.path(), b.path()], false, &rez, memory);
    let loaded = loader.load("foo", None).unwrap();
    let by_version: HashMap<&str, &[String]> = loaded
        .iter()
        .map(|(v, d)| (v.as_str(), &d.requires[..]))
        .collect();
    assert_eq!(by_version.len(), 2, "{by_version:?}");
    assert_eq!(by_version["1.0"], ["from_a"]);
    assert_eq!(
        by_version["2-0"],
        ["from_memory"],
        "2-0 equals 2.0 and hides it"
    );
    assert_eq!(loader.origin("foo", "1.0").unwrap().root, 0);
}

#[test]
fn combined_families_are_loaded_whole_by_rez() {
    let root = tempfile::tempdir().unwrap();
    fs::write(
        root.path().join("combo.py"),
        "name = 'combo'\nversions = ['7']\n",
    )
    .unwrap();
    let rez = FakeRez::default();
    let loader = loader(&[root.path()], false, &rez);
    let loaded = loader.load("combo", None).unwrap();
    assert_eq!(versions(&loaded), ["7"]);
    assert_eq!(*rez.calls.lock().unwrap(), ["family:combo"]);
    let reasons: Vec<&str> = loader.stats().rez_reasons.iter().map(|(r, _)| r).collect();
    assert_eq!(reasons, [reasons::COMBINED]);
    assert_eq!(loader.origin("combo", "7"), None);
}

#[test]
fn unversioned_packages_are_an_error() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("flat")).unwrap();
    fs::write(root.path().join("flat/package.py"), "name = 'flat'\n").unwrap();
    let rez = FakeRez::default();
    let config = Config {
        roots: vec![root.path().to_path_buf()],
        options: ScanOptions {
            allow_unversioned_packages: true,
            ..ScanOptions::default()
        },
        python: PY,
        readahead: false,
    };
    let loader = Loader::on_queue(config, HashMap::new(), Box::new(rez), queue());
    let err = loader.load("flat", None).unwrap_err();
    assert!(err.contains("an unversioned package"), "{err}");
}

/// Polls `done` for up to ten seconds.
fn eventually(done: impl Fn() -> bool) -> bool {
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(10) {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn read_ahead_loads_the_families_requirements_name() {
    let root = tempfile::tempdir().unwrap();
    package(
        root.path(),
        "app",
        "1.0",
        "name = 'app'\nrequires = ['lib-2', 'tool']\n",
    );
    package(root.path(), "lib", "1.0", "name = 'lib'\n");
    package(
        root.path(),
        "lib",
        "2.0",
        "name = 'lib'\nrequires = ['base']\n",
    );
    package(root.path(), "tool", "1", "name = 'tool'\n");
    package(root.path(), "base", "1", "name = 'base'\n");
    let rez = FakeRez::default();
    let loader = loader(&[root.path()], true, &rez);
    loader.load("app", None).unwrap();
    // lib (range 2), tool, and then base, named by lib-2.0.
    assert!(
        eventually(|| loader.stats().readahead_families == 3),
        "{:?}",
        loader.stats()
    );
    let before = loader.stats();
    assert_eq!(before.families, 4, "each family looked up once");
    assert_eq!(
        before.files_read, 4,
        "lib-1.0 is outside the range and was not read"
    );
    let lib = loader.load("lib", Some(&VersionRange::parse("2"))).unwrap();
    assert_eq!(versions(&lib), ["2.0"]);
    loader.load("base", None).unwrap();
    let after = loader.stats();
    assert_eq!(after.readahead_hits, 2);
    assert_eq!(after.families, 4, "no second lookup");
    // A range wider than read-ahead's is still answered: the rest is read now.
    let all = loader.load("lib", None).unwrap();
    assert_eq!(versions(&all), ["1.0", "2.0"]);
    assert_eq!(loader.stats().files_read, 5);
}

#[test]
fn without_read_ahead_nothing_is_loaded_early() {
    let root = tempfile::tempdir().unwrap();
    package(
        root.path(),
        "app",
        "1.0",
        "name = 'app'\nrequires = ['lib']\n",
    );
    package(root.path(), "lib", "1.0", "name = 'lib'\n");
    let rez = FakeRez::default();
    let loader = loader(&[root.path()], false, &rez);
    loader.load("app", None).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(loader.stats().families, 1);
    assert_eq!(loader.stats().readahead_families, 0);
}

#[test]
fn load_all_loads_every_package_with_rez_for_the_rest() {
    let root = tempfile::tempdir().unwrap();
    package(root.path(), "b", "1", "name = 'b'\nrequires = ['a']\n");
    package(root.path(), "a", "1", "name = 'a'\n");
    package(root.path(), "a", "2", "name = 'a'\nrequires = [f()]\n");
    package(
        root.path(),
        "broken",
        "1",
        "name = 'broken'\nrequires = [f()]\n",
    );
    fs::write(root.path().join("combo.py"), "name = 'combo'\n").unwrap();
    let rez = FakeRez::default();
    let roots: Vec<PathBuf> = vec![root.path().to_path_buf()];
    let output = pyrer_scanner::scan_repo(&roots, &ScanOptions::default()).unwrap();
    let all = load_all(output, PY, &rez);
    let got: Vec<(String, String)> = all
        .packages
        .iter()
        .map(|p| (p.name.clone(), p.version.clone()))
        .collect();
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["a", "a", "b", "combo"],
        "by family, whole families last"
    );
    let a2 = all
        .packages
        .iter()
        .find(|p| p.name == "a" && p.version == "2")
        .unwrap();
    assert_eq!(a2.data.requires, ["from_rez_a"]);
    assert_eq!(all.failures.len(), 1);
    assert!(all.failures[0].0.ends_with("broken/1/package.py"));
    assert_eq!((all.stats.static_reads, all.stats.rez_loads), (2, 3));
}
