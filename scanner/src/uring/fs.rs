//! `Fs` over an io_uring queue: opens and `statx` go through the ring,
//! `getdents64` runs on the ring's own thread (io_uring has no opcode for it).

use std::ffi::{CString, OsStr};
use std::io;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::Arc;

use super::queue::{InFlight, Queue};
use crate::fs::{Fs, RawEntry, StatType};

pub(crate) struct UringFs<'q> {
    pub(crate) queue: &'q Queue,
}

fn c_path(bytes: &[u8]) -> io::Result<CString> {
    CString::new(bytes).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

fn result(res: i32) -> io::Result<i32> {
    if res < 0 {
        Err(io::Error::from_raw_os_error(-res))
    } else {
        Ok(res)
    }
}

impl UringFs<'_> {
    async fn open(&self, path: CString, dir: Arc<OwnedFd>) -> io::Result<Arc<OwnedFd>> {
        loop {
            let in_flight = InFlight::Open {
                path: path.clone(),
                dir: dir.clone(),
            };
            let (res, _) = self.queue.push(in_flight).await;
            match result(res) {
                // SAFETY: the kernel returned a new fd that nothing else owns.
                Ok(fd) => return Ok(Arc::new(unsafe { OwnedFd::from_raw_fd(fd) })),
                // Out of fds: back-pressure, retry once other operations finish.
                Err(e) if e.raw_os_error() == Some(libc::EMFILE) && self.queue.busy() => {
                    self.queue.progress().await;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Fs for UringFs<'_> {
    type Dir = Arc<OwnedFd>;

    async fn open_root(&self, path: &Path, list: bool) -> io::Result<Self::Dir> {
        crate::fs::open_root_fd(path, list).map(Arc::new)
    }

    async fn open_dir(&self, parent: &Self::Dir, name: &OsStr) -> io::Result<Self::Dir> {
        self.open(c_path(name.as_bytes())?, parent.clone()).await
    }

    async fn list(&self, dir: &Self::Dir) -> io::Result<Vec<RawEntry>> {
        crate::getdents::list(&**dir)
    }

    async fn kind(&self, dir: &Self::Dir, rel: &OsStr) -> io::Result<StatType> {
        let in_flight = InFlight::Statx {
            path: c_path(rel.as_bytes())?,
            dir: dir.clone(),
            // SAFETY: `statx` is plain data; all-zero is a valid value.
            buf: Box::new(unsafe { std::mem::zeroed() }),
        };
        let (res, in_flight) = self.queue.push(in_flight).await;
        result(res)?;
        let InFlight::Statx { buf, .. } = in_flight else {
            unreachable!("a statx operation keeps a statx buffer")
        };
        Ok(match u32::from(buf.stx_mode) & libc::S_IFMT {
            libc::S_IFDIR => StatType::Dir,
            libc::S_IFREG => StatType::File,
            _ => StatType::Other,
        })
    }
}
