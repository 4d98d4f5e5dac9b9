//! A scoped pool of worker threads that starts at the CPU count and grows
//! towards its bound only while its workers are waiting on I/O.
//!
//! On a warm local disk the scan is CPU-bound and extra threads only add
//! overhead; on a cold disk or a network filesystem each thread spends most
//! of its time blocked, and many must be in flight to hide the latency.

use std::time::{Duration, Instant};

/// How often the pool checks whether its workers are blocked (the kernel
/// accounts CPU time at scheduler ticks, so shorter windows are noise).
const TICK: Duration = Duration::from_millis(4);

/// Runs `worker` on up to `bound` threads and returns each thread's result.
/// Workers must return once `work_left()` is false; the pool stops growing then.
///
/// Where threads cannot be created (`RLIMIT_NPROC`, a cgroup's `pids.max`), the
/// pool makes do with those it has, and with none runs `worker` on the calling
/// thread: a scan is slower then, never lost.
pub(crate) fn run<T: Send>(
    bound: usize,
    work_left: impl Fn() -> bool,
    worker: impl Fn() -> T + Sync,
) -> Vec<T> {
    if bound <= 1 {
        return vec![worker()];
    }
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let worker = &worker;
        let mut handles = Vec::new();
        // False once the OS refused a thread: asking again would only fail again.
        let grow = |handles: &mut Vec<_>, more: usize| {
            for _ in 0..more {
                match std::thread::Builder::new().spawn_scoped(scope, worker) {
                    Ok(handle) => handles.push(handle),
                    Err(_) => return false,
                }
            }
            true
        };
        let mut growing = grow(&mut handles, cpus.min(bound));
        if handles.is_empty() {
            return vec![worker()];
        }
        let mut last = (Instant::now(), process_cpu_time());
        while growing && handles.len() < bound && work_left() {
            std::thread::sleep(TICK);
            let now = (Instant::now(), process_cpu_time());
            let wall = now.0 - last.0;
            let busy = match (last.1, now.1) {
                (Some(before), Some(after)) => after.saturating_sub(before),
                // No CPU clock: assume blocked, which grows the pool to its bound.
                _ => Duration::ZERO,
            };
            last = now;
            let spawned = handles.len();
            // Fewer than half the workers' time on CPU: they are waiting on I/O.
            if busy.as_secs_f64() < 0.5 * wall.as_secs_f64() * spawned as f64 {
                growing = grow(&mut handles, spawned.min(bound - spawned));
            }
        }
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// CPU time used by the whole process so far.
fn process_cpu_time() -> Option<Duration> {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
        Some(Duration::new(t.tv_sec as u64, t.tv_nsec as u32))
    }
    #[cfg(not(unix))]
    {
        None
    }
}
