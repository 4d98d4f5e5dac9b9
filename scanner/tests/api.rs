//! The public API's contracts: errors, partial results, options and cancellation.

use std::fs;
use std::path::Path;

use pyrer_scanner::{
    absent_root_line, scan_repo, scan_repo_cancellable, Absence, AbsentRoot, BackendChoice,
    CancelToken, OnProblem, Operation, PackageKind, Progress, ScanError, ScanOptions,
};

fn write(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, "name = 'x'\n").unwrap();
}

#[test]
fn unusable_root_is_a_problem_and_other_roots_are_kept() {
    let good = tempfile::tempdir().unwrap();
    let bad = tempfile::tempdir().unwrap();
    write(&good.path().join("foo/1.0/package.py"));
    write(&bad.path().join("bar/1.0/package.py"));
    fs::create_dir(bad.path().join("settings.yaml")).unwrap();

    let err = scan_repo(&[good.path(), bad.path()], &ScanOptions::default()).unwrap_err();
    let ScanError::Problems { problems, partial } = err else {
        panic!("expected ScanError::Problems");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].operation, Operation::Settings);
    assert!(problems[0].path.ends_with("settings.yaml"));
    assert!(problems[0].to_string().contains("settings.yaml"));
    let families: Vec<_> = partial.packages.iter().map(|p| p.family.as_str()).collect();
    assert_eq!(families, ["foo"]);

    let collected = ScanOptions {
        on_problem: OnProblem::Collect,
        ..ScanOptions::default()
    };
    let out = scan_repo(&[good.path(), bad.path()], &collected).unwrap();
    assert_eq!(out.problems, problems);
    assert_eq!(out.packages, partial.packages);
}

#[test]
fn missing_root_and_file_root_yield_nothing_without_error_but_are_noted() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("file"));
    write(&dir.path().join("good/fam/1.0/package.py"));
    let roots = [
        dir.path().join("missing"),
        dir.path().join("good"),
        dir.path().join("file"),
        dir.path().join("file/below"),
    ];
    #[cfg(unix)]
    std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
    let mut roots = roots.to_vec();
    #[cfg(unix)]
    roots.push(dir.path().join("loop"));
    let out = scan_repo(&roots, &ScanOptions::default()).unwrap();
    assert!(out.problems.is_empty());
    assert_eq!(out.packages.len(), 1);
    let mut expected = vec![
        AbsentRoot {
            root_index: 0,
            absence: Absence::Missing,
        },
        AbsentRoot {
            root_index: 2,
            absence: Absence::NotADirectory,
        },
        AbsentRoot {
            root_index: 3,
            absence: Absence::NotADirectory,
        },
    ];
    #[cfg(unix)]
    expected.push(AbsentRoot {
        root_index: 4,
        absence: Absence::LinkLoop,
    });
    assert_eq!(out.absent_roots, expected);
    assert_eq!(
        absent_root_line(b"/a\x1bb", Absence::Missing),
        "root /a\\x1bb does not exist: rez lists no packages there"
    );
}

#[test]
fn bad_options_and_paths_are_typed_errors() {
    let bad = |options: ScanOptions, option: &str| match scan_repo(&["/nonexistent"], &options) {
        Err(ScanError::InvalidOption { option: o, .. }) => assert_eq!(o, option),
        other => panic!("expected InvalidOption({option}), got {other:?}"),
    };
    for lock in ["/abs", "a/b"] {
        bad(
            ScanOptions {
                file_lock_dir: Some(lock.into()),
                ..ScanOptions::default()
            },
            "file_lock_dir",
        );
    }
    bad(
        ScanOptions {
            concurrency: 0,
            ..ScanOptions::default()
        },
        "concurrency",
    );
    for name in ["a-b", "", "__pycache__", "trail."] {
        bad(
            ScanOptions {
                families: Some(vec!["ok".into(), name.into()]),
                ..ScanOptions::default()
            },
            "families",
        );
    }
    bad(
        ScanOptions {
            package_filenames: vec!["pack\0age".into()],
            ..ScanOptions::default()
        },
        "package_filenames",
    );
    match scan_repo(&["/tmp/a\0b"], &ScanOptions::default()) {
        Err(ScanError::InvalidPath { path, reason }) => {
            assert_eq!(path, Path::new("/tmp/a\0b"));
            assert!(reason.contains("NUL"));
        }
        other => panic!("expected InvalidPath, got {other:?}"),
    }
}

#[test]
fn entries_are_sorted_by_root_family_and_version_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for v in ["2.0", "10.0", "1.0"] {
        write(&a.path().join("zed").join(v).join("package.py"));
        write(&a.path().join("alpha").join(v).join("package.yaml"));
    }
    write(&a.path().join("mid.py"));
    write(&b.path().join("aaa/package.py"));
    let out = scan_repo(&[a.path(), b.path()], &ScanOptions::default()).unwrap();
    let got: Vec<_> = out
        .packages
        .iter()
        .map(|p| {
            let v = p.version.as_ref().map(|v| v.to_string_lossy().into_owned());
            (p.root_index, p.family.clone(), v, p.kind)
        })
        .collect();
    let v = |s: &str| Some(s.to_string());
    use PackageKind::*;
    assert_eq!(
        got,
        [
            (0, "alpha".into(), v("1.0"), Versioned),
            (0, "alpha".into(), v("10.0"), Versioned),
            (0, "alpha".into(), v("2.0"), Versioned),
            (0, "mid".into(), None, Combined),
            (0, "zed".into(), v("1.0"), Versioned),
            (0, "zed".into(), v("10.0"), Versioned),
            (0, "zed".into(), v("2.0"), Versioned),
            (1, "aaa".into(), None, Unversioned),
        ]
    );
}

#[test]
fn families_are_listed_with_or_without_packages_and_found_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("foo/1.0/package.py"));
    fs::create_dir(root.join("empty")).unwrap();
    write(&root.join("combo.py"));
    write(&root.join("dup/2.0/package.yaml"));
    write(&root.join("dup.py"));
    fs::write(root.join("settings.yaml"), "{}\n").unwrap();
    fs::create_dir(root.join("locks")).unwrap();
    let lock = ScanOptions {
        file_lock_dir: Some("locks".into()),
        ..ScanOptions::default()
    };
    let described = |out: &pyrer_scanner::ScanOutput| -> Vec<(String, String, Option<&str>)> {
        let name = |p: &Path| {
            p.strip_prefix(root.canonicalize().unwrap())
                .unwrap()
                .display()
                .to_string()
        };
        out.families
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    name(&f.path),
                    f.format.map(|f| f.extension()),
                )
            })
            .collect()
    };
    // Listing (rez's iter_package_families): `empty` is a family; the lock dir
    // and settings.yaml are reserved; `dup` is two families.
    let out = scan_repo(&[root], &lock).unwrap();
    let own = |n: &str, p: &str, f: Option<&'static str>| (n.to_string(), p.to_string(), f);
    assert_eq!(
        described(&out),
        [
            own("combo", "combo.py", Some("py")),
            own("dup", "dup", None),
            own("dup", "dup.py", Some("py")),
            own("empty", "empty", None),
            own("foo", "foo", None),
        ]
    );
    // Lookup (rez's get_package_family): a directory wins over `dup.py`, the lock
    // dir is found, `settings` finds settings.yaml, missing names find nothing.
    let names = ["dup", "locks", "settings", "combo", "nothere", "empty"];
    let lookup = ScanOptions {
        families: Some(names.map(String::from).to_vec()),
        ..lock.clone()
    };
    let out = scan_repo(&[root], &lookup).unwrap();
    assert_eq!(
        described(&out),
        [
            own("combo", "combo.py", Some("py")),
            own("dup", "dup", None),
            own("empty", "empty", None),
            own("locks", "locks", None),
            own("settings", "settings.yaml", Some("yaml")),
        ]
    );
    let packages: Vec<_> = out
        .packages
        .iter()
        .map(|p| (p.family.as_str(), p.kind))
        .collect();
    assert_eq!(
        packages,
        [
            ("combo", PackageKind::Combined),
            ("dup", PackageKind::Versioned),
            ("settings", PackageKind::Combined),
        ]
    );
}

/// rez takes any `str` for `package_filenames` and `file_lock_dir`; names that are
/// not UTF-8 match the bytes on disk, as `os.fsencode` gives them.
#[cfg(unix)]
#[test]
fn option_values_that_are_not_utf8_match_bytes_on_disk() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let root = tempfile::tempdir().unwrap();
    let odd = OsStr::from_bytes(b"pk\xff");
    write(
        &root
            .path()
            .join("foo/1.0")
            .join(OsStr::from_bytes(b"pk\xff.py")),
    );
    write(&root.path().join("foo/2.0/package.py"));
    fs::create_dir_all(root.path().join(odd).join("1.0")).unwrap();
    for backend in [
        pyrer_scanner::BackendChoice::Std,
        pyrer_scanner::BackendChoice::IoUring,
    ] {
        let options = ScanOptions {
            package_filenames: vec![odd.into()],
            file_lock_dir: Some(odd.into()),
            backend,
            ..ScanOptions::default()
        };
        let out = match scan_repo(&[root.path()], &options) {
            Err(ScanError::BackendUnavailable { reason, .. }) => {
                eprintln!("skipping {backend:?}: {reason}");
                continue;
            }
            other => other.unwrap(),
        };
        let found: Vec<_> = out
            .packages
            .iter()
            .map(|p| {
                (
                    p.family.as_str(),
                    p.format,
                    p.path.ends_with(OsStr::from_bytes(b"pk\xff.py")),
                )
            })
            .collect();
        // The lock dir is accepted too (a name that is not UTF-8 is never a family,
        // so reserving `pk\xff` changes no entry).
        assert_eq!(
            found,
            [
                ("foo", Some(pyrer_scanner::Format::Py), true),
                ("foo", None, false)
            ],
            "{backend:?}"
        );
    }
}

#[test]
fn the_token_counts_the_directory_families_listed() {
    let dir = tempfile::tempdir().unwrap();
    for family in ["a", "b", "c"] {
        write(&dir.path().join(format!("{family}/1.0/package.py")));
    }
    write(&dir.path().join("combo.py")); // a combined family: not listed, not counted
    for backend in [BackendChoice::Std, BackendChoice::IoUring] {
        let token = CancelToken::new();
        assert_eq!(token.progress(), Progress::default());
        let options = ScanOptions {
            backend,
            ..ScanOptions::default()
        };
        match scan_repo_cancellable(&[dir.path()], &options, &token) {
            Ok(out) => assert_eq!(out.packages.len(), 4),
            Err(err @ ScanError::BackendUnavailable { .. }) => {
                eprintln!("not exercised here: {err}");
                continue;
            }
            Err(err) => panic!("{err}"),
        }
        let done = Progress {
            families_listed: 3,
            families_total: 3,
        };
        assert_eq!(token.progress(), done, "{backend:?}");
    }
}
