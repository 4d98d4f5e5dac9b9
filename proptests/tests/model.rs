//! Property 2: the scanner agrees with the reference model of rez (src/model.rs).
#![cfg(unix)]

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use pyrer_proptests::record::{diff, sorted, Record};
use pyrer_proptests::{model, scan, tree};
use pyrer_scanner::BackendChoice;

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES overrides this, as usual with proptest!.
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn scanner_matches_reference_model(case in tree::case(1..4, false)) {
        let dir = tempfile::tempdir().unwrap();
        let roots = tree::materialize(&case, dir.path()).unwrap();
        let expected = model::enumerate(&roots, &case.options);
        let out = scan(&roots, &case.options, BackendChoice::Auto, 64)
            .map_err(TestCaseError::fail)?;
        let scanned: Vec<Record> = out.packages.iter().map(Record::from).collect();

        let mut raising = Vec::new();
        for (index, result) in expected.iter().enumerate() {
            match result {
                Ok(records) => {
                    let want = sorted(records.clone());
                    let got = sorted(scanned.iter().filter(|r| r.root == index).cloned().collect());
                    prop_assert!(
                        want == got,
                        "root {} ({}) differs:\n{}",
                        index,
                        roots[index].display(),
                        diff("model", &want, "scanner", &got)
                    );
                }
                // rez cannot even construct this repository; the scanner must
                // say so (its partial records for the root are not compared).
                Err(reason) => raising.push((index, reason.clone())),
            }
        }
        if raising.is_empty() {
            prop_assert!(
                out.problems.is_empty(),
                "rez raises nowhere, yet the scanner reports problems: {:?}",
                out.problems
            );
        } else {
            prop_assert!(
                !out.problems.is_empty(),
                "rez raises for roots {:?}, but the scanner reports no problem",
                raising
            );
        }
    }
}
