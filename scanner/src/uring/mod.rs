//! The io_uring backend (Linux): ring threads that batch directory opens and
//! package-file `statx` probes, many in flight at once, in the style of bfs's
//! I/O queue. Directory listing (`getdents64`) runs on the ring thread itself.

mod fs;
mod queue;

use std::ffi::OsStr;
use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};

use futures::stream::{FuturesUnordered, StreamExt};
use io_uring::{opcode, IoUring, Probe};

use self::fs::UringFs;
use self::queue::Queue;
use crate::fs::fd_budget;
use crate::tasks::{self, Tasks};
use crate::walk::{Found, Walk};
use crate::{CancelToken, ScanOptions};

use crate::DISABLE_IO_URING_ENV as DISABLE_ENV;

/// `Ok` when this process can use io_uring with every opcode the backend needs,
/// else the reason, e.g. `io_uring_setup: EPERM (kernel.io_uring_disabled=2)`.
pub(crate) fn available() -> Result<(), String> {
    if std::env::var_os(DISABLE_ENV).is_some() {
        return Err(format!("disabled by {DISABLE_ENV}"));
    }
    // The kernel's answer does not change while the process runs; asking once saves
    // setting up a ring on every scan (the rez plugin scans once per family).
    static KERNEL: OnceLock<Result<(), String>> = OnceLock::new();
    KERNEL.get_or_init(kernel_supports_backend).clone()
}

fn kernel_supports_backend() -> Result<(), String> {
    let ring = IoUring::new(8).map_err(|e| {
        let sysctl = std::fs::read_to_string("/proc/sys/kernel/io_uring_disabled")
            .map(|v| format!(" (kernel.io_uring_disabled={})", v.trim()))
            .unwrap_or_default();
        format!("io_uring_setup: {}{sysctl}", errno_name(&e))
    })?;
    let mut probe = Probe::new();
    ring.submitter()
        .register_probe(&mut probe)
        .map_err(|e| format!("IORING_REGISTER_PROBE: {}", errno_name(&e)))?;
    for (code, name) in [
        (opcode::OpenAt::CODE, "OPENAT"),
        (opcode::Statx::CODE, "STATX"),
    ] {
        if !probe.is_supported(code) {
            return Err(format!("the kernel lacks IORING_OP_{name}"));
        }
    }
    Ok(())
}

fn errno_name(err: &io::Error) -> String {
    match err.raw_os_error() {
        Some(libc::EPERM) => "EPERM".into(),
        Some(libc::ENOSYS) => "ENOSYS".into(),
        Some(libc::ENOMEM) => "ENOMEM".into(),
        Some(libc::EINVAL) => "EINVAL".into(),
        Some(libc::EACCES) => "EACCES".into(),
        _ => err.to_string(),
    }
}

/// Runs `fut` on this thread, turning `queue` whenever it waits. `None` when
/// cancelled. Either way, every operation still in flight is reaped before
/// this returns (dropping `fut` orphans them; `drain` collects them).
fn drive<T>(
    queue: &Queue,
    cancel: &CancelToken,
    fut: impl Future<Output = T>,
) -> io::Result<Option<T>> {
    let outcome = {
        let mut fut = pin!(fut);
        let mut cx = Context::from_waker(futures::task::noop_waker_ref());
        loop {
            if cancel.is_cancelled() {
                break Ok(None);
            }
            if let Poll::Ready(value) = fut.as_mut().poll(&mut cx) {
                break Ok(Some(value));
            }
            if !queue.busy() {
                break Err(io::Error::other(
                    "io_uring queue stalled with nothing in flight",
                ));
            }
            if let Err(err) = queue.turn() {
                break Err(err);
            }
        }
        // `fut` is dropped here, orphaning whatever it still waits for.
    };
    queue.drain()?;
    outcome
}

/// Scans every root: roots on this thread, then directory families on ring
/// threads that the pool adds while they wait on I/O. `Ok(None)` when cancelled.
pub(crate) fn scan<P: AsRef<Path>>(
    paths: &[P],
    options: &ScanOptions,
    lock_dir: Option<&OsStr>,
    cancel: &CancelToken,
    chunk: usize,
) -> io::Result<Option<Found>> {
    // Each ring keeps up to `per_ring` operations in flight (its io-wq cap too),
    // so all rings together stay near `options.concurrency`.
    let rings = (options.concurrency / 8).clamp(1, 16);
    let per_ring = (options.concurrency / rings).max(1);
    let tasks_per_ring = per_ring.clamp(4, 64).min(fd_budget() / rings).max(1);

    // The roots are read on a thread of their own, like the families: io-wq
    // workers belong to the submitting thread and end with it, so the caller's
    // thread never acquires any.
    let paths: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
    let roots = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .spawn_scoped(scope, || -> io::Result<_> {
                let queue = Queue::new(per_ring)?;
                let fs = UringFs { queue: &queue };
                let walk = Walk::new(&fs, options, lock_dir);
                let roots = drive(&queue, cancel, async {
                    let mut roots = Vec::new();
                    for (index, path) in paths.iter().enumerate() {
                        roots.extend(walk.scan_root(index, path).await);
                    }
                    roots
                })?;
                Ok(roots.map(|roots| (roots, walk.into_found())))
            })
            .map_err(|err| {
                io::Error::new(err.kind(), format!("cannot start a ring thread: {err}"))
            })?
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let Some((roots, found)) = roots else {
        return Ok(None);
    };

    let ring_thread = |tasks: &Tasks<'_, _>| -> io::Result<Option<Found>> {
        let queue = Queue::new(per_ring)?;
        let fs = UringFs { queue: &queue };
        let walk = Walk::new(&fs, options, lock_dir);
        let run = |task| walk.run(task, tasks);
        let done = drive(&queue, cancel, async {
            let mut running = FuturesUnordered::new();
            loop {
                while running.len() < tasks_per_ring {
                    let Some(task) = tasks.try_take() else {
                        break;
                    };
                    running.push(run(task));
                }
                if running.is_empty() {
                    // Nothing in flight on this ring: wait for other rings to queue
                    // more (chunks of a large family) or to finish.
                    match tasks.take() {
                        Some(task) => running.push(run(task)),
                        None => break,
                    }
                }
                running.next().await;
            }
        })?;
        Ok(done.map(|()| walk.into_found()))
    };
    let bound = |tasks: &Tasks<'_, _>| rings.min(tasks.queued());
    tasks::drive(&roots, found, cancel, chunk, bound, ring_thread)
}
