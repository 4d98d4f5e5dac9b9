//! `settings.yaml` contents, exhaustively: the table `tree::SETTINGS` (which
//! contents make rez 3.4.0 fail to construct the repository) is checked
//! against real rez, and the scanner against the table. Entries listed in
//! `tree::KNOWN_SCANNER_BUGS` must still disagree (so the list is kept honest
//! when the scanner is fixed).
#![cfg(unix)]

use std::fs;
use std::path::PathBuf;

use pyrer_proptests::model::ModelOptions;
use pyrer_proptests::tree::{KNOWN_SCANNER_BUGS, SETTINGS};
use pyrer_proptests::{rez, scan};
use pyrer_scanner::BackendChoice;

fn default_options() -> ModelOptions {
    ModelOptions {
        check_package_definition_files: false,
        package_filenames: vec!["package".into()],
        allow_unversioned_packages: true,
        disable_pkg_ignore: false,
        file_lock_dir: None,
    }
}

/// One root per table entry: `settings.yaml` plus a family `foo/1.0`.
fn roots(base: &std::path::Path) -> Vec<PathBuf> {
    SETTINGS
        .iter()
        .enumerate()
        .map(|(i, (_, content, _))| {
            let root = base.join(format!("r{i}"));
            fs::create_dir_all(root.join("foo/1.0")).unwrap();
            fs::write(root.join("foo/1.0/package.py"), "name = 'foo'\n").unwrap();
            fs::write(root.join("settings.yaml"), content).unwrap();
            root
        })
        .collect()
}

#[test]
fn known_bug_labels_exist() {
    for label in KNOWN_SCANNER_BUGS {
        assert!(
            SETTINGS.iter().any(|(l, _, _)| l == label),
            "{label:?} is not in SETTINGS"
        );
    }
}

#[test]
fn scanner_agrees_with_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let roots = roots(dir.path());
    let out = scan(&roots, &default_options(), BackendChoice::Auto, 64).unwrap();
    let mut failures = Vec::new();
    for (i, (label, content, raises)) in SETTINGS.iter().enumerate() {
        let location = fs::canonicalize(&roots[i]).unwrap();
        let problem = out.problems.iter().find(|p| p.path.starts_with(&location));
        let packages = out.packages.iter().filter(|p| p.root_index == i).count();
        // rez builds the repository (and lists `foo/1.0`) or raises.
        let agrees = match (raises, problem) {
            (true, Some(_)) => true,
            (false, None) => packages == 1,
            _ => false,
        };
        let known = KNOWN_SCANNER_BUGS.contains(label);
        if agrees == known {
            failures.push(format!(
                "{label:?} ({}): rez raises: {raises}; scanner problem: {:?}, packages: {packages}{}",
                String::from_utf8_lossy(content).escape_debug(),
                problem.map(|p| &p.message),
                if known {
                    " -- listed in KNOWN_SCANNER_BUGS but now agrees: remove it from the list"
                } else {
                    ""
                }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "settings.yaml:\n  {}",
        failures.join("\n  ")
    );
}

#[test]
fn table_agrees_with_real_rez() {
    let python = match rez::python() {
        Ok(p) if rez::script().exists() => p,
        Ok(_) => {
            eprintln!("SKIPPED: {} does not exist", rez::script().display());
            return;
        }
        Err(reason) => {
            eprintln!("SKIPPED table_agrees_with_real_rez: {reason}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let roots = roots(dir.path());
    let out = rez::enumerate(&python, &roots, &default_options()).unwrap();
    let mut failures = Vec::new();
    for (i, (label, _, raises)) in SETTINGS.iter().enumerate() {
        let errors: Vec<_> = out.errors.iter().filter(|e| e.root == i).collect();
        let records = out.records.iter().filter(|r| r.root == i).count();
        let ok = if *raises {
            errors.iter().any(|e| e.family.is_none())
        } else {
            errors.is_empty() && records == 1
        };
        if !ok {
            failures.push(format!(
                "{label:?}: table says raises={raises}; rez: {records} records, errors {errors:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "SETTINGS table is wrong:\n  {}",
        failures.join("\n  ")
    );
}
