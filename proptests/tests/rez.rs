//! The slow tier: the scanner agrees with real rez 3.4.0, run through
//! `tools/rez_enumerate.py` with `$PYRER_REZ_PYTHON` (default: the workspace
//! `.venv`). One case is one rez call over several roots. The number of cases
//! is `$PYRER_PROPTEST_REZ_CASES` (default 48; `PROPTEST_CASES` does not apply).
#![cfg(unix)]

use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, TestRunner};
use pyrer_proptests::record::{diff, sorted, Kind, Record};
use pyrer_proptests::{env_u32, rez, scan, tree};
use pyrer_scanner::BackendChoice;

/// One record per combined family file (`tools/rez_enumerate.py` already
/// prints one; this also copes with one line per version).
fn collapse_combined(records: Vec<Record>) -> Vec<Record> {
    let (mut combined, mut rest): (Vec<Record>, Vec<Record>) =
        records.into_iter().partition(|r| r.kind == Kind::Combined);
    for r in &mut combined {
        r.version = None;
    }
    combined.sort();
    combined.dedup();
    rest.extend(combined);
    sorted(rest)
}

#[test]
fn scanner_matches_real_rez() {
    let python = match rez::python() {
        Ok(p) => p,
        Err(reason) => {
            eprintln!("SKIPPED scanner_matches_real_rez: {reason}");
            return;
        }
    };
    if !rez::script().exists() {
        eprintln!(
            "SKIPPED scanner_matches_real_rez: {} does not exist",
            rez::script().display()
        );
        return;
    }
    // A plain TestRunner, not the proptest! macro: the macro lets
    // PROPTEST_CASES override `cases`, and this tier must stay bounded when
    // the fast tiers are run deep.
    let config = ProptestConfig {
        cases: env_u32("PYRER_PROPTEST_REZ_CASES").unwrap_or(48),
        max_shrink_iters: 200,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        source_file: Some(file!()),
        test_name: Some("scanner_matches_real_rez"),
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&tree::case(2..5, true), |case| {
        let dir = tempfile::tempdir().unwrap();
        let roots = tree::materialize(&case, dir.path()).unwrap();
        let rez_out =
            rez::enumerate(&python, &roots, &case.options).map_err(TestCaseError::fail)?;
        let out =
            scan(&roots, &case.options, BackendChoice::Auto, 64).map_err(TestCaseError::fail)?;
        let scanned: Vec<Record> = out.packages.iter().map(Record::from).collect();

        // rez raises only where a whole repository cannot be built (here: a
        // settings.yaml that is a directory); the scanner must report a
        // problem then, and its records for that root are not compared.
        let family_errors: Vec<_> = rez_out
            .errors
            .iter()
            .filter(|e| e.family.is_some())
            .collect();
        prop_assert!(
            family_errors.is_empty(),
            "rez raised for a family: {:?}",
            family_errors
        );
        let raising: Vec<usize> = rez_out.errors.iter().map(|e| e.root).collect();
        prop_assert_eq!(
            raising.is_empty(),
            out.problems.is_empty(),
            "rez errors {:?} vs scanner problems {:?}",
            rez_out.errors,
            out.problems
        );
        let keep = |r: &Record| !raising.contains(&r.root);
        let want = collapse_combined(rez_out.records.into_iter().filter(keep).collect());
        let got = sorted(scanned.into_iter().filter(keep).collect());
        prop_assert!(
            want == got,
            "scanner differs from rez:\n{}",
            diff("rez", &want, "scanner", &got)
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}
