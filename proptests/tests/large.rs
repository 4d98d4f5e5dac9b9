//! Wide directories: thousands of entries and long names, so that every
//! backend's directory reading crosses many buffer boundaries. The scanner
//! (every backend) must match the reference model. Bounded: the number of
//! cases is `$PYRER_PROPTEST_LARGE_CASES` (default 8).
#![cfg(unix)]

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, TestRunner};
use pyrer_proptests::model::{self, ModelOptions};
use pyrer_proptests::record::{diff, sorted, Record};
use pyrer_proptests::{env_u32, scan, tree};
use pyrer_scanner::BackendChoice;

#[derive(Debug, Clone)]
struct Wide {
    seed: u64,
    /// Families at the root besides the big one.
    families: usize,
    /// Entries in the big family.
    big: usize,
    /// Stray and combined files at the root.
    root_files: usize,
    /// Longest random name part.
    name_len: usize,
    options: ModelOptions,
}

/// xorshift64*: deterministic names from the case's seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self, max: usize) -> String {
        const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        let len = 1 + self.below(max);
        (0..len)
            .map(|_| CHARS[self.below(CHARS.len())] as char)
            .collect()
    }
}

fn family(rng: &mut Rng, dir: &Path, versions: usize, name_len: usize) {
    fs::create_dir(dir).unwrap();
    for i in 0..versions {
        let v = format!("{i}.{}", rng.word(name_len));
        let vdir = dir.join(&v);
        match rng.below(20) {
            0 => fs::write(&vdir, "not a dir").unwrap(),
            1 => std::os::unix::fs::symlink(format!("{}.missing", i), &vdir).unwrap(),
            _ => {
                fs::create_dir(&vdir).unwrap();
                let file = match rng.below(10) {
                    0..=5 => Some("package.py"),
                    6 => Some("package.yaml"),
                    7 => Some("custom.py"),
                    _ => None,
                };
                if let Some(f) = file {
                    fs::write(vdir.join(f), "name = 'x'\n").unwrap();
                }
            }
        }
        match rng.below(20) {
            0 => fs::write(dir.join(format!(".ignore{v}")), "").unwrap(),
            1 => fs::write(dir.join(format!(".building{v}")), "").unwrap(),
            _ => {}
        }
    }
}

fn build(case: &Wide, base: &Path) -> std::path::PathBuf {
    let mut rng = Rng(case.seed | 1);
    let root = base.join("root");
    fs::create_dir(&root).unwrap();
    family(&mut rng, &root.join("big"), case.big, case.name_len);
    for i in 0..case.families {
        let name = format!("f{i}_{}", rng.word(case.name_len));
        let versions = rng.below(8);
        family(&mut rng, &root.join(name), versions, case.name_len);
    }
    for i in 0..case.root_files {
        let name = match rng.below(4) {
            0 => format!("c{i}_{}.py", rng.word(case.name_len)),
            1 => format!("c{i}_{}.yaml", rng.word(case.name_len)),
            2 => format!(".hidden{i}"),
            _ => format!("stray{i}-{}.txt", rng.word(case.name_len)),
        };
        fs::write(root.join(name), "versions = ['1.0']\n").unwrap();
    }
    root
}

fn wide() -> impl Strategy<Value = Wide> {
    (
        any::<u64>(),
        0..60usize,
        prop_oneof![1 => 0..50usize, 3 => 500..3000usize],
        prop_oneof![1 => 0..10usize, 1 => 500..2500usize],
        prop_oneof![1 => 1..8usize, 1 => 100..200usize],
        tree::options(),
    )
        .prop_map(
            |(seed, families, big, root_files, name_len, options)| Wide {
                seed,
                families,
                big,
                root_files,
                name_len,
                options,
            },
        )
}

#[test]
fn wide_directories_match_the_model() {
    let config = ProptestConfig {
        cases: env_u32("PYRER_PROPTEST_LARGE_CASES").unwrap_or(8),
        max_shrink_iters: 64,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        source_file: Some(file!()),
        test_name: Some("wide_directories_match_the_model"),
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&wide(), |case| {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![build(&case, dir.path())];
        let expected = model::enumerate(&roots, &case.options);
        let want = sorted(expected[0].clone().map_err(TestCaseError::fail)?);
        for backend in [
            BackendChoice::Std,
            BackendChoice::IoUring,
            BackendChoice::Auto,
        ] {
            let out = match scan(&roots, &case.options, backend, 64) {
                Ok(out) => out,
                // Unavailable io_uring is reported by tests/backends.rs.
                Err(e) if backend == BackendChoice::IoUring => {
                    eprintln!("{e}");
                    continue;
                }
                Err(e) => return Err(TestCaseError::fail(e)),
            };
            prop_assert!(
                out.problems.is_empty(),
                "{:?}: problems {:?}",
                backend,
                out.problems
            );
            let got = sorted(out.packages.iter().map(Record::from).collect());
            prop_assert!(
                want == got,
                "{:?} differs from the model ({} vs {} records):\n{}",
                backend,
                got.len(),
                want.len(),
                diff("model", &want, "scanner", &got)
            );
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}
