//! `Fs` over an io_uring queue: opens and `statx` go through the ring,
//! `getdents64` runs on the ring's own thread (io_uring has no opcode for it).

use std::ffi::{CString, OsStr};
use std::io;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::Arc;

use super::queue::{Keep, Queue};
use crate::fs::{Fs, Kind, RawEntry};

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
            let keep = Keep::Open {
                path: path.clone(),
                dir: dir.clone(),
            };
            let (res, _) = self.queue.push(keep).await;
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

    async fn kind(&self, dir: &Self::Dir, rel: &OsStr) -> io::Result<Kind> {
        let keep = Keep::Statx {
            path: c_path(rel.as_bytes())?,
            dir: dir.clone(),
            // SAFETY: `statx` is plain data; all-zero is a valid value.
            buf: Box::new(unsafe { std::mem::zeroed() }),
        };
        let (res, keep) = self.queue.push(keep).await;
        result(res)?;
        let Keep::Statx { buf, .. } = keep else {
            unreachable!("a statx operation keeps a statx buffer")
        };
        Ok(match u32::from(buf.stx_mode) & libc::S_IFMT {
            libc::S_IFDIR => Kind::Dir,
            libc::S_IFREG => Kind::File,
            _ => Kind::Other,
        })
    }
}
