//! The filesystem operations the walk needs, as a trait each backend implements.

use std::ffi::{OsStr, OsString};
use std::future::Future;
use std::io;

/// An entry's type as the directory listing reports it (`d_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListedType {
    Dir,
    File,
    Symlink,
    /// FIFOs, sockets, devices.
    Other,
    /// The filesystem did not say; a `stat` must tell.
    Unknown,
}

/// An entry's type after following symlinks (what `stat` says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatType {
    Dir,
    File,
    Other,
}

impl ListedType {
    /// The type when the listing alone settles it, `None` when a `stat` must follow the link.
    pub(crate) fn settled(self) -> Option<StatType> {
        match self {
            ListedType::Dir => Some(StatType::Dir),
            ListedType::File => Some(StatType::File),
            ListedType::Other => Some(StatType::Other),
            ListedType::Symlink | ListedType::Unknown => None,
        }
    }
}

/// One directory entry (never `.` or `..`).
#[derive(Debug, Clone)]
pub(crate) struct RawEntry {
    pub(crate) name: OsString,
    pub(crate) dtype: ListedType,
}

/// The operations of a backend. Every path is relative to an open directory,
/// so a backend never walks the root's prefix again.
pub(crate) trait Fs {
    /// An open directory.
    type Dir;

    /// Opens the directory at absolute `path`. With `list` false it is only looked
    /// into, never listed, and Unix opens it `O_PATH`: no open request reaches a
    /// network or FUSE filesystem, and a root that can be searched but not read
    /// works, as it does for rez's `isdir(root/name)`.
    fn open_root(
        &self,
        path: &std::path::Path,
        list: bool,
    ) -> impl Future<Output = io::Result<Self::Dir>>;
    /// Opens the directory `name` inside `parent`, following symlinks.
    fn open_dir(
        &self,
        parent: &Self::Dir,
        name: &OsStr,
    ) -> impl Future<Output = io::Result<Self::Dir>>;
    /// Lists `dir`, without `.` and `..`.
    fn list(&self, dir: &Self::Dir) -> impl Future<Output = io::Result<Vec<RawEntry>>>;
    /// `stat` of `rel` (one or more components) inside `dir`, following symlinks.
    fn kind(&self, dir: &Self::Dir, rel: &OsStr) -> impl Future<Output = io::Result<StatType>>;
}

/// Opens the root directory `path` with a plain `openat` (once per root, so the
/// io_uring backend gains nothing by queueing it); `O_PATH` unless it is to be listed.
#[cfg(unix)]
pub(crate) fn open_root_fd(path: &std::path::Path, list: bool) -> io::Result<std::os::fd::OwnedFd> {
    use rustix::fs::{openat, Mode, OFlags, CWD};
    let access = if list { OFlags::RDONLY } else { OFlags::PATH };
    let flags = access | OFlags::DIRECTORY | OFlags::CLOEXEC;
    Ok(openat(CWD, path, flags, Mode::empty())?)
}

/// True for the errors with which Python's `isdir`/`isfile`/`exists` quietly say
/// "no": the entry is missing, a path component is not a directory, or a link loops.
pub(crate) fn is_absent(err: &io::Error) -> bool {
    crate::output::Absence::of(err).is_some()
}

/// True when the process (or system) is out of file descriptors: back-pressure,
/// worth waiting for the scan's own fds to close, not an answer about the entry.
pub(crate) fn is_out_of_fds(err: &io::Error) -> bool {
    #[cfg(unix)]
    {
        let code = err.raw_os_error();
        code == Some(rustix::io::Errno::MFILE.raw_os_error())
            || code == Some(rustix::io::Errno::NFILE.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = err;
        false
    }
}

/// How many directories a scan may hold open: the soft `RLIMIT_NOFILE` less a
/// margin for the rest of the process. `EMFILE` is still back-pressure should
/// the process open more meanwhile.
pub(crate) fn fd_budget() -> usize {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
        let limit = limit.map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
        limit.saturating_sub(128).max(16)
    }
    #[cfg(not(unix))]
    {
        usize::MAX
    }
}
