//! `prefetch_files`: reads files concurrently so that later sequential reads hit the page cache.

use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::pool;

/// What a prefetch read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prefetched {
    /// Files read to the end.
    pub files: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Files that could not be opened or read (skipped: the reader that needs
    /// them will meet the same error and report it).
    pub failed: usize,
}

/// Reads every file of `paths` to the end on up to `concurrency` threads and
/// discards the data, so that the kernel caches it (page cache, and on network
/// filesystems the attributes too). The pool grows past the CPU count only while
/// its threads wait on I/O, as for scans.
pub fn prefetch_files(paths: &[PathBuf], concurrency: usize) -> Prefetched {
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Prefetched::default();
        let mut buffer = vec![0u8; 64 * 1024];
        while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
            match read_to_end(path, &mut buffer) {
                Ok(bytes) => {
                    done.files += 1;
                    done.bytes += bytes;
                }
                Err(_) => done.failed += 1,
            }
        }
        done
    };
    let bound = concurrency.clamp(1, paths.len().max(1));
    let work_left = || next.load(Ordering::Relaxed) < paths.len();
    pool::run(bound, work_left, worker)
        .into_iter()
        .fold(Prefetched::default(), |all, part| Prefetched {
            files: all.files + part.files,
            bytes: all.bytes + part.bytes,
            failed: all.failed + part.failed,
        })
}

fn read_to_end(path: &PathBuf, buffer: &mut [u8]) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut total = 0;
    loop {
        match file.read(buffer)? {
            0 => return Ok(total),
            n => total += n as u64,
        }
    }
}
