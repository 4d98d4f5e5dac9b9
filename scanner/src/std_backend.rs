//! The portable backend: ordinary blocking syscalls on a growing pool of threads,
//! one family at a time per thread.

use std::convert::Infallible;
use std::ffi::OsStr;
use std::io;
use std::path::Path;

use futures::executor::block_on;

use crate::fs::{fd_budget, Fs, RawEntry, StatType};
use crate::tasks::{self, Tasks};
use crate::walk::{Found, Root, Walk};
use crate::{CancelToken, ScanOptions};

/// Blocking filesystem calls. On Unix every lookup is relative to an open
/// directory fd (`openat`, `fstatat`) and listings come from `getdents` with `d_type`.
pub(crate) struct StdFs;

#[cfg(unix)]
mod sys {
    use super::*;
    use rustix::fs::{openat, statat, AtFlags, FileType, Mode, OFlags};
    use std::os::fd::OwnedFd;

    const DIR_FLAGS: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::CLOEXEC);

    fn kind_of(file_type: FileType) -> StatType {
        match file_type {
            FileType::Directory => StatType::Dir,
            FileType::RegularFile => StatType::File,
            _ => StatType::Other,
        }
    }

    impl Fs for StdFs {
        type Dir = OwnedFd;

        async fn open_root(&self, path: &Path, list: bool) -> io::Result<OwnedFd> {
            crate::fs::open_root_fd(path, list)
        }

        async fn open_dir(&self, parent: &OwnedFd, name: &OsStr) -> io::Result<OwnedFd> {
            Ok(openat(parent, name, DIR_FLAGS, Mode::empty())?)
        }

        async fn list(&self, dir: &OwnedFd) -> io::Result<Vec<RawEntry>> {
            crate::getdents::list(dir)
        }

        async fn kind(&self, dir: &OwnedFd, rel: &OsStr) -> io::Result<StatType> {
            let stat = statat(dir, rel, AtFlags::empty())?;
            Ok(kind_of(FileType::from_raw_mode(stat.st_mode)))
        }
    }
}

#[cfg(not(unix))]
mod sys {
    use super::*;
    use crate::fs::ListedType;
    use std::path::PathBuf;

    fn kind_of(meta: &std::fs::Metadata) -> StatType {
        if meta.is_dir() {
            StatType::Dir
        } else if meta.is_file() {
            StatType::File
        } else {
            StatType::Other
        }
    }

    fn open(path: PathBuf) -> io::Result<PathBuf> {
        match kind_of(&std::fs::metadata(&path)?) {
            StatType::Dir => Ok(path),
            _ => Err(io::Error::new(
                io::ErrorKind::NotADirectory,
                "Not a directory",
            )),
        }
    }

    impl Fs for StdFs {
        type Dir = PathBuf;

        async fn open_root(&self, path: &Path, _list: bool) -> io::Result<PathBuf> {
            open(path.to_path_buf())
        }

        async fn open_dir(&self, parent: &PathBuf, name: &OsStr) -> io::Result<PathBuf> {
            open(parent.join(name))
        }

        async fn list(&self, dir: &PathBuf) -> io::Result<Vec<RawEntry>> {
            let mut entries = Vec::new();
            for entry in std::fs::read_dir(dir)? {
                let entry = entry?;
                let dtype = match entry.file_type() {
                    Ok(t) if t.is_symlink() => ListedType::Symlink,
                    Ok(t) if t.is_dir() => ListedType::Dir,
                    Ok(t) if t.is_file() => ListedType::File,
                    Ok(_) => ListedType::Other,
                    Err(_) => ListedType::Unknown,
                };
                entries.push(RawEntry {
                    name: entry.file_name(),
                    dtype,
                });
            }
            Ok(entries)
        }

        async fn kind(&self, dir: &PathBuf, rel: &OsStr) -> io::Result<StatType> {
            Ok(kind_of(&std::fs::metadata(dir.join(rel))?))
        }
    }
}

/// Scans every root: roots one after another on this thread, then all their
/// directory families on up to `options.concurrency` threads. `None` when cancelled.
pub(crate) fn scan<P: AsRef<Path>>(
    paths: &[P],
    options: &ScanOptions,
    lock_dir: Option<&OsStr>,
    cancel: &CancelToken,
    chunk: usize,
) -> Option<Found> {
    scan_with(&StdFs, paths, options, lock_dir, cancel, chunk)
}

/// `scan` over any blocking `Fs` (the tests' fault-injecting one too).
pub(crate) fn scan_with<F, P>(
    fs: &F,
    paths: &[P],
    options: &ScanOptions,
    lock_dir: Option<&OsStr>,
    cancel: &CancelToken,
    chunk: usize,
) -> Option<Found>
where
    F: Fs + Sync,
    F::Dir: Send + Sync,
    P: AsRef<Path>,
{
    let walk = Walk::new(fs, options, lock_dir);
    let roots: Vec<Root<F::Dir>> = paths
        .iter()
        .enumerate()
        .take_while(|_| !cancel.is_cancelled())
        .filter_map(|(index, path)| block_on(walk.scan_root(index, path.as_ref())))
        .collect();
    let found = walk.into_found();
    let worker = |tasks: &Tasks<'_, F::Dir>| -> Result<_, Infallible> {
        let walk = Walk::new(fs, options, lock_dir);
        while let Some(task) = tasks.take() {
            block_on(walk.run(task, tasks));
        }
        Ok(Some(walk.into_found()))
    };
    // Each thread holds at most one family open at a time (see `tasks`).
    let bound =
        |tasks: &Tasks<'_, F::Dir>| options.concurrency.min(tasks.queued()).min(fd_budget());
    match tasks::drive(&roots, found, cancel, chunk, bound, worker) {
        Ok(found) => found,
        Err(never) => match never {},
    }
}
