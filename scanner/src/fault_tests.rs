//! The error branches of `walk.rs` and `tasks.rs` under faults injected mid-scan
//! by `FakeFs`, on the std backend's thread pool and on one ring-like thread.

use std::path::{Path, PathBuf};

use futures::executor::block_on;
use futures::stream::{FuturesUnordered, StreamExt};
use rustix::io::Errno;

use crate::fake_fs::{FakeFs, Node, Op};
use crate::fs::ListedType;
use crate::output::{Operation, Problem};
use crate::tasks::{Tasks, LOCAL_CHUNK, REMOTE_CHUNK};
use crate::walk::{Found, Walk};
use crate::{std_backend, CancelToken, ScanOptions};

/// What a scan found, in a stable order: `family version-or-"-" format-or-"-"` lines.
fn packages(found: &Found) -> Vec<String> {
    let mut lines: Vec<String> = found
        .packages
        .iter()
        .map(|p| {
            let version = p
                .version
                .as_ref()
                .map_or("-".into(), |v| v.to_string_lossy());
            let format = p.format.map_or("-", |f| f.extension());
            format!("{} {version} {format}", p.family)
        })
        .collect();
    lines.sort();
    lines
}

fn problems(found: &Found) -> Vec<(String, Operation, Option<i32>)> {
    let mut list: Vec<_> = found
        .problems
        .iter()
        .map(
            |Problem {
                 path,
                 operation,
                 errno,
                 ..
             }| {
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                (name, *operation, *errno)
            },
        )
        .collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

/// Scans `root` on one thread with up to `in_flight` tasks interleaved, as an io_uring ring does.
fn one_thread(fs: &FakeFs, root: &Path, in_flight: usize, chunk: usize) -> Found {
    let options = ScanOptions::default();
    let cancel = CancelToken::new();
    let walk = Walk::new(fs, &options, None);
    let roots: Vec<_> = block_on(walk.scan_root(0, root)).into_iter().collect();
    let tasks = Tasks::new(&roots, &cancel, chunk);
    block_on(async {
        let mut running = FuturesUnordered::new();
        loop {
            while running.len() < in_flight {
                let Some(task) = tasks.try_take() else { break };
                running.push(walk.run(task, &tasks));
            }
            if running.is_empty() {
                match tasks.take() {
                    Some(task) => running.push(walk.run(task, &tasks)),
                    None => break,
                }
            }
            running.next().await;
        }
    });
    walk.into_found()
}

/// Scans `root` with the std backend's driver (its thread pool) over `fs`.
fn threads(fs: &FakeFs, root: &Path, chunk: usize) -> Found {
    let options = ScanOptions::default();
    std_backend::scan_with(fs, &[root], &options, None, &CancelToken::new(), chunk).unwrap()
}

/// Runs `check` on the results of both drivers, with the chunk sizes of local
/// and of network filesystems.
fn on_both(fs: impl Fn() -> FakeFs, root: &Path, check: impl Fn(&Found)) {
    for chunk in [LOCAL_CHUNK, REMOTE_CHUNK] {
        check(&threads(&fs(), root, chunk));
        check(&one_thread(&fs(), root, 4, chunk));
    }
}

fn errno(code: Errno) -> Option<i32> {
    Some(code.raw_os_error())
}

/// A real, empty directory for the fake tree's root (roots are canonicalized on disk).
fn root() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = std::fs::canonicalize(dir.path()).unwrap();
    (dir, path)
}

#[test]
fn emfile_defers_a_family_until_another_task_closes_fds() {
    let (_keep, r) = root();
    let fs = FakeFs::new(&r, &["a/1.0/package.py", "b/1.0/package.py", "c/2/"]);
    fs.fail(Op::Open, r.join("b"), Errno::MFILE.raw_os_error(), 1);
    let found = one_thread(&fs, &r, 3, LOCAL_CHUNK);
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    assert_eq!(packages(&found), ["a 1.0 py", "b 1.0 py", "c 2 -"]);
    assert_eq!(fs.opens(&r.join("b")), 2, "b was opened again after EMFILE");
}

#[test]
fn emfile_with_nothing_else_running_is_a_problem() {
    let (_keep, r) = root();
    let make = || {
        let fs = FakeFs::new(&r, &["a/1.0/package.py"]);
        fs.fail(
            Op::Open,
            r.join("a"),
            Errno::MFILE.raw_os_error(),
            usize::MAX,
        );
        fs
    };
    on_both(make, &r, |found| {
        assert_eq!(
            problems(found),
            [("a".into(), Operation::OpenDir, errno(Errno::MFILE))]
        );
        assert_eq!(found.families.len(), 1, "the family is still listed");
        assert!(found.packages.is_empty());
    });
}

#[test]
fn version_chunks_run_before_new_families_open() {
    let (_keep, r) = root();
    let files: Vec<String> = (0..40)
        .flat_map(|f| (0..100).map(move |v| format!("f{f}/{v}/")))
        .collect();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let fs = FakeFs::new(&r, &files);
    let found = one_thread(&fs, &r, 4, LOCAL_CHUNK);
    assert_eq!(found.packages.len(), 4000);
    // The root, plus one family per task in flight (not one per family opened so far).
    assert!(
        fs.most_open() <= 5,
        "{} directories open at once",
        fs.most_open()
    );
}

#[test]
fn eacces_is_a_problem_and_everything_else_is_kept() {
    let (_keep, r) = root();
    let make = || {
        let fs = FakeFs::new(
            &r,
            &["a/1.0/package.py", "b/1.0/package.py", "c/1.0/package.py"],
        );
        fs.fail(
            Op::Open,
            r.join("b"),
            Errno::ACCESS.raw_os_error(),
            usize::MAX,
        );
        // rez's `isfile` swallows EACCES: the version is kept, without a file
        // (docs/enumeration.md ENUM-1.7, ENUM-5.4).
        let file = r.join("c/1.0/package.py");
        fs.fail(Op::Stat, file, Errno::ACCESS.raw_os_error(), usize::MAX);
        fs
    };
    on_both(make, &r, |found| {
        assert_eq!(packages(found), ["a 1.0 py", "c 1.0 -"]);
        assert_eq!(
            problems(found),
            [
                ("b".into(), Operation::OpenDir, errno(Errno::ACCESS)),
                ("package.py".into(), Operation::Stat, errno(Errno::ACCESS)),
            ]
        );
    });
}

#[test]
fn enoent_and_enametoolong_on_a_stat_are_absence_not_problems() {
    let (_keep, r) = root();
    let make = || {
        let fs = FakeFs::new(&r, &["a/1.0/package.py", "a/2.0/package.yaml"]);
        let py = r.join("a/1.0/package.py");
        fs.fail(Op::Stat, py, Errno::NAMETOOLONG.raw_os_error(), usize::MAX);
        let yaml = r.join("a/2.0/package.yaml");
        fs.fail(Op::Stat, yaml, Errno::NOENT.raw_os_error(), usize::MAX);
        fs
    };
    on_both(make, &r, |found| {
        assert_eq!(packages(found), ["a 1.0 -", "a 2.0 -"]);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
    });
}

#[test]
fn entries_that_vanish_after_listing() {
    let (_keep, r) = root();
    let make = || {
        let mut fs = FakeFs::new(&r, &["a/1.0/package.py"]);
        fs.ghost(r.join("gone"), ListedType::Dir);
        fs.ghost(r.join("a/9.9"), ListedType::Dir);
        fs
    };
    on_both(make, &r, |found| {
        // A vanished version is skipped, as rez's `isdir` skips it; a vanished
        // family is where rez's `listdir` raises: listed, with a problem (ENUM-8.3).
        assert_eq!(packages(found), ["a 1.0 py"]);
        assert_eq!(
            problems(found),
            [("gone".into(), Operation::OpenDir, errno(Errno::NOENT))]
        );
        assert_eq!(found.families.len(), 2);
    });
}

#[test]
fn entries_that_change_type_after_listing() {
    let (_keep, r) = root();
    let make = || {
        let mut fs = FakeFs::new(&r, &["a/1.0/package.py", "a/2.0", "combo.py", "plain"]);
        // Listed as directories, files by the time they are opened.
        for path in ["a/2.0", "combo.py", "plain"] {
            fs.listed_as(r.join(path), ListedType::Dir);
        }
        // Listed as a directory, now a FIFO: not a version.
        fs.add(r.join("a/3.0"), Node::Other);
        fs.listed_as(r.join("a/3.0"), ListedType::Dir);
        // Listed as a directory, now a link to one: still a directory.
        fs.add(r.join("b"), Node::Link(r.join("a")));
        fs.listed_as(r.join("b"), ListedType::Dir);
        fs
    };
    on_both(make, &r, |found| {
        // What rez's `isdir` says now: `combo.py` is a combined family, `plain` nothing
        // (ENUM-3.5, ENUM-3.6).
        assert_eq!(packages(found), ["a 1.0 py", "b 1.0 py", "combo - py"]);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
    });
}

#[test]
fn short_listings_and_failed_listings() {
    let (_keep, r) = root();
    let make = || {
        let files = ["a/1.0/", "a/2.0/", "a/3.0/", "b/1.0/", "c/1.0/", "d/1.0/"];
        let mut fs = FakeFs::new(&r, &files);
        fs.short(r.join("a"), 2);
        fs.fail(Op::List, r.join("b"), Errno::IO.raw_os_error(), usize::MAX);
        fs.short(r.clone(), 3);
        fs
    };
    on_both(make, &r, |found| {
        // Only what was listed is there: the root's first three, a's first two.
        assert_eq!(packages(found), ["a 1.0 -", "a 2.0 -", "c 1.0 -"]);
        assert_eq!(
            problems(found),
            [("b".into(), Operation::ReadDir, errno(Errno::IO))]
        );
    });
}

#[test]
fn a_root_that_cannot_be_listed_is_a_problem() {
    let (_keep, r) = root();
    let make = || {
        let fs = FakeFs::new(&r, &["a/1.0/"]);
        fs.fail(
            Op::List,
            r.clone(),
            Errno::ACCESS.raw_os_error(),
            usize::MAX,
        );
        fs
    };
    on_both(make, &r, |found| {
        assert!(found.packages.is_empty());
        let name = r.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(
            problems(found),
            [(name, Operation::ReadDir, errno(Errno::ACCESS))]
        );
    });
}

#[test]
fn small_chunks_find_what_large_chunks_find() {
    let (_keep, r) = root();
    let mut files: Vec<String> = (0..70).map(|v| format!("big/{v}.0/package.py")).collect();
    files.extend(["small/1/package.py".to_string(), "big/70.0/".to_string()]);
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let expected = packages(&threads(&FakeFs::new(&r, &names), &r, LOCAL_CHUNK));
    assert_eq!(expected.len(), 72);
    for chunk in [1, REMOTE_CHUNK, 3] {
        assert_eq!(
            packages(&threads(&FakeFs::new(&r, &names), &r, chunk)),
            expected
        );
        assert_eq!(
            packages(&one_thread(&FakeFs::new(&r, &names), &r, 4, chunk)),
            expected
        );
    }
}
