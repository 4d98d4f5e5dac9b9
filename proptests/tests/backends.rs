//! Property 1: every backend, at every concurrency, returns the same scan.
#![cfg(unix)]

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use pyrer_proptests::{scan, scan_options, tree};
use std::sync::OnceLock;

use pyrer_scanner::{scan_repo, BackendChoice, ScanError, ScanOptions, ScanOutput, ScannedPackage};

/// The backends compared. Adding a backend is one line here.
const BACKENDS: &[BackendChoice] = &[
    BackendChoice::Std,
    BackendChoice::IoUring,
    BackendChoice::Auto,
];

/// The backends of `BACKENDS` this host can run (io_uring may be refused by
/// the kernel or a seccomp filter; that is reported once on stderr).
fn usable_backends() -> &'static [BackendChoice] {
    static USABLE: OnceLock<Vec<BackendChoice>> = OnceLock::new();
    USABLE.get_or_init(|| {
        let empty = tempfile::tempdir().unwrap();
        BACKENDS
            .iter()
            .copied()
            .filter(|&backend| {
                let options = ScanOptions {
                    backend,
                    ..ScanOptions::default()
                };
                match scan_repo(&[empty.path()], &options) {
                    Err(ScanError::BackendUnavailable { reason, .. }) => {
                        eprintln!("backend {backend:?} unavailable here, not compared: {reason}");
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    })
}

/// Concurrency bounds compared: fully serial and the default.
const CONCURRENCY: &[usize] = &[1, 64];

/// The documented output order: root, family bytes, version bytes
/// (unversioned first), kind, path.
fn sort_key(p: &ScannedPackage) -> impl Ord + '_ {
    (
        p.root_index,
        p.family.as_bytes(),
        p.version.as_deref().map(|v| v.as_encoded_bytes()),
        p.kind,
        &p.path,
    )
}

fn check_sorted(label: &str, out: &ScanOutput) -> Result<(), TestCaseError> {
    for pair in out.packages.windows(2) {
        prop_assert!(
            sort_key(&pair[0]) <= sort_key(&pair[1]),
            "{label}: packages out of order:\n  {:?}\n  {:?}",
            pair[0],
            pair[1]
        );
    }
    Ok(())
}

/// Scans `roots` with every usable backend at every concurrency (options from
/// `options`), checks each output's order, and requires all of them to return the
/// same packages, families and problems. Returns the first output.
fn scan_everywhere(
    roots: &[std::path::PathBuf],
    what: &str,
    options: impl Fn(BackendChoice, usize) -> ScanOptions,
) -> Result<ScanOutput, TestCaseError> {
    let mut first: Option<(String, ScanOutput)> = None;
    for &backend in usable_backends() {
        for &concurrency in CONCURRENCY {
            let label = format!("{what}{backend:?}/concurrency {concurrency}");
            let out = scan_repo(roots, &options(backend, concurrency))
                .map_err(|e| TestCaseError::fail(format!("{label}: {e}")))?;
            check_sorted(&label, &out)?;
            match &first {
                None => first = Some((label, out)),
                Some((first_label, expected)) => {
                    prop_assert_eq!(
                        &out.packages,
                        &expected.packages,
                        "packages of {} differ from {}",
                        label,
                        first_label
                    );
                    prop_assert_eq!(
                        &out.families,
                        &expected.families,
                        "families of {} differ from {}",
                        label,
                        first_label
                    );
                    prop_assert_eq!(
                        &out.problems,
                        &expected.problems,
                        "problems of {} differ from {}",
                        label,
                        first_label
                    );
                }
            }
        }
    }
    Ok(first.expect("at least one backend runs").1)
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES overrides this, as usual with proptest!.
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn all_backends_and_concurrencies_agree(case in tree::case(1..4, false)) {
        let dir = tempfile::tempdir().unwrap();
        let roots = tree::materialize(&case, dir.path()).unwrap();
        scan_everywhere(&roots, "", |backend, concurrency| {
            scan_options(&case.options, backend, concurrency)
        })?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// Lookup by name (`ScanOptions::families`) gives the same answer on every
    /// backend, and a directory family is the same family, with the same
    /// packages, whether it was listed or looked up.
    #[test]
    fn lookup_by_name_agrees_with_listing(case in tree::case(1..4, false)) {
        let dir = tempfile::tempdir().unwrap();
        let roots = tree::materialize(&case, dir.path()).unwrap();
        let listing = scan(&roots, &case.options, BackendChoice::Std, 64)
            .map_err(TestCaseError::fail)?;
        let mut names: Vec<String> = listing.families.iter().map(|f| f.name.clone()).collect();
        names.extend(["settings", "nothere"].map(String::from));
        names.sort();
        names.dedup();

        let lookup = scan_everywhere(&roots, "lookup ", |backend, concurrency| ScanOptions {
            families: Some(names.clone()),
            ..scan_options(&case.options, backend, concurrency)
        })?;
        let lock_dir = case.options.file_lock_dir.as_deref();
        for family in listing.families.iter().filter(|f| f.format.is_none()) {
            if Some(family.name.as_str()) == lock_dir {
                continue; // listing reserves the lock dir; lookup does not
            }
            prop_assert!(lookup.families.contains(family),
                "listed directory family {:?} not found by name", family);
            let of = |out: &ScanOutput| -> Vec<ScannedPackage> {
                out.packages.iter()
                    .filter(|p| p.root_index == family.root_index && p.family == family.name
                        && p.kind != pyrer_scanner::PackageKind::Combined)
                    .cloned()
                    .collect()
            };
            prop_assert_eq!(of(&lookup), of(&listing),
                "packages of {:?} differ between lookup and listing", family);
        }
    }
}
