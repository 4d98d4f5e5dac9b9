//! Reading a directory's entries (with `d_type`) from an open fd, leaving the fd open.

use std::ffi::OsStr;
use std::io;
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;

use rustix::fs::FileType;

use crate::fs::{ListedType, RawEntry};

fn dtype(file_type: FileType) -> ListedType {
    match file_type {
        FileType::Directory => ListedType::Dir,
        FileType::RegularFile => ListedType::File,
        FileType::Symlink => ListedType::Symlink,
        FileType::Unknown => ListedType::Unknown,
        _ => ListedType::Other,
    }
}

/// Drains a rustix directory stream (`$next` yields `Option<io::Result<entry>>`; the
/// platforms' streams differ only in that call) into the entries, `.` and `..` left out.
macro_rules! collect {
    ($next:expr) => {{
        let mut entries = Vec::new();
        while let Some(entry) = $next {
            let entry = entry?;
            push(
                &mut entries,
                entry.file_name().to_bytes(),
                entry.file_type(),
            );
        }
        Ok(entries)
    }};
}

fn push(entries: &mut Vec<RawEntry>, name: &[u8], file_type: FileType) {
    if name != b"." && name != b".." {
        entries.push(RawEntry {
            name: OsStr::from_bytes(name).to_os_string(),
            dtype: dtype(file_type),
        });
    }
}

/// Lists the directory open as `dir`, without `.` and `..`. The fd must be
/// freshly opened (its offset at the start) and is read to its end.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn list(dir: impl AsFd) -> io::Result<Vec<RawEntry>> {
    let mut buf = Vec::with_capacity(32 * 1024);
    let mut stream = rustix::fs::RawDir::new(dir, buf.spare_capacity_mut());
    collect!(stream.next())
}

/// Lists the directory open as `dir`, without `.` and `..`. The fd must be
/// freshly opened (its offset at the start) and is read to its end.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn list(dir: impl AsFd) -> io::Result<Vec<RawEntry>> {
    // `Dir` owns its fd; a duplicate shares the offset, which is read once.
    let mut stream = rustix::fs::Dir::new(rustix::io::dup(dir)?)?;
    collect!(stream.read())
}
