//! The read queue: every package file pyrer reads goes through it.
//!
//! One queue per process ([`ReadQueue::global`]; a forked child starts its own)
//! over at most [`READ_THREADS`] threads, started as work arrives and kept for
//! the life of the process, so a solve after the first pays no thread start-up,
//! and many solves in one process share one bound. Two lanes:
//!
//! * `now`: work a caller waits for ([`ReadQueue::map`]), always taken first;
//! * `ahead`: read-ahead ([`ReadQueue::ahead`]), taken only when `now` is empty.
//!
//! Invariants, which together mean a batch always finishes and nothing deadlocks:
//!
//! 1. A caller of `map` runs `now` jobs itself while its batch is unfinished, so
//!    its batch completes even where no thread could be started.
//! 2. `now` jobs never wait on the queue (they read and parse one file); only
//!    `ahead` jobs may call `map`, and by (1) they make progress while waiting.
//! 3. A job that panics still completes its slot (as `None`), so no waiter is
//!    left waiting, and the worker thread survives it.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use pyrer_reader::quiet;

/// The most read threads one process starts: enough reads in flight to hide a
/// network filesystem's latency, few enough that sixteen processes on one
/// node stay within a few hundred threads.
pub const READ_THREADS: usize = 16;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A pool of read threads with a `now` and an `ahead` lane (see the module docs).
pub struct ReadQueue {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    work: Condvar,
    bound: usize,
}

#[derive(Default)]
struct State {
    now: VecDeque<Job>,
    ahead: VecDeque<Job>,
    threads: usize,
    idle: usize,
}

/// One `map` call's results, filled in by whoever runs its jobs.
struct Batch<R> {
    slots: Mutex<(Vec<Option<R>>, usize)>,
    done: Condvar,
}

impl ReadQueue {
    /// A queue of its own, of at most `bound` threads (tests; the process uses
    /// [`ReadQueue::global`]).
    pub fn new(bound: usize) -> Self {
        ReadQueue {
            shared: Arc::new(Shared {
                state: Mutex::default(),
                work: Condvar::new(),
                bound,
            }),
        }
    }

    /// The process's queue. A forked child gets a queue of its own: its
    /// parent's threads do not exist in it, and the parent's locks may have
    /// been held when it forked, so the copy is never touched (and leaked).
    pub fn global() -> &'static ReadQueue {
        static GLOBAL: AtomicPtr<(u32, ReadQueue)> = AtomicPtr::new(std::ptr::null_mut());
        let pid = std::process::id();
        loop {
            let current = GLOBAL.load(Ordering::Acquire);
            // SAFETY: a non-null pointer was leaked from a Box below, so it is
            // valid for the life of the process, and never freed.
            if let Some((owner, queue)) = unsafe { current.as_ref() } {
                if *owner == pid {
                    return queue;
                }
            }
            let fresh = Box::into_raw(Box::new((pid, ReadQueue::new(READ_THREADS))));
            match GLOBAL.compare_exchange(current, fresh, Ordering::AcqRel, Ordering::Acquire) {
                // SAFETY: `fresh` was just leaked from a Box and is now published.
                Ok(_) => return unsafe { &(*fresh).1 },
                // Another thread installed one first: free ours, use theirs.
                // SAFETY: `fresh` was never published, so this is its only owner.
                Err(_) => drop(unsafe { Box::from_raw(fresh) }),
            }
        }
    }

    /// Threads started so far (never more than the bound).
    pub fn threads(&self) -> usize {
        lock(&self.shared.state).threads
    }

    /// `work(item)` for every item, concurrently; the results in the items'
    /// order, `None` where `work` panicked. Returns when all are done.
    pub fn map<T, R>(
        &self,
        items: Vec<T>,
        work: impl Fn(T) -> R + Send + Sync + 'static,
    ) -> Vec<Option<R>>
    where
        T: Send + 'static,
        R: Send + 'static,
    {
        if items.len() <= 1 {
            return items
                .into_iter()
                .map(|item| quiet::catch(|| work(item)).ok())
                .collect();
        }
        let count = items.len();
        let batch = Arc::new(Batch {
            slots: Mutex::new(((0..count).map(|_| None).collect(), count)),
            done: Condvar::new(),
        });
        let work = Arc::new(work);
        let jobs = items.into_iter().enumerate().map(|(i, item)| {
            let (batch, work) = (batch.clone(), work.clone());
            Box::new(move || {
                let result = quiet::catch(|| work(item)).ok();
                let mut slots = lock(&batch.slots);
                slots.0[i] = result;
                slots.1 -= 1;
                if slots.1 == 0 {
                    batch.done.notify_all();
                }
            }) as Job
        });
        self.push(jobs, false);
        // Invariant 1: help with `now` work until this batch is done.
        loop {
            let job = lock(&self.shared.state).now.pop_front();
            match job {
                Some(job) => job(),
                None => break,
            }
        }
        let mut slots = lock(&batch.slots);
        while slots.1 > 0 {
            slots = batch.done.wait(slots).unwrap_or_else(|e| e.into_inner());
        }
        std::mem::take(&mut slots.0)
    }

    /// Queues `job` on the `ahead` lane. Where no thread could be started it is
    /// dropped unrun: read-ahead is an optimisation, and whoever needs its result
    /// does the work itself.
    pub fn ahead(&self, job: impl FnOnce() + Send + 'static) {
        self.push(std::iter::once(Box::new(job) as Job), true);
    }

    fn push(&self, jobs: impl Iterator<Item = Job>, ahead: bool) {
        let mut state = lock(&self.shared.state);
        let mut added: usize = 0;
        for job in jobs {
            if ahead {
                state.ahead.push_back(job);
            } else {
                state.now.push_back(job);
            }
            added += 1;
        }
        let wanted = added.saturating_sub(state.idle);
        let room = self.shared.bound.saturating_sub(state.threads);
        let mut started = 0;
        for _ in 0..wanted.min(room) {
            let shared = self.shared.clone();
            let spawned = std::thread::Builder::new()
                .name("pyrer-read".into())
                .spawn(move || worker(&shared));
            if spawned.is_err() {
                break; // the OS refused (RLIMIT_NPROC, pids.max): make do
            }
            started += 1;
        }
        state.threads += started;
        if state.threads == 0 {
            // No thread will ever take `ahead` work; dropping it frees what it holds.
            state.ahead.clear();
        }
        drop(state);
        self.shared.work.notify_all();
    }
}

/// A read thread: runs jobs, `now` first, for the life of the process.
fn worker(shared: &Shared) {
    let mut state = lock(&shared.state);
    loop {
        let job = state.now.pop_front().or_else(|| state.ahead.pop_front());
        match job {
            Some(job) => {
                drop(state);
                // Invariant 3: a panic is caught inside `map`'s jobs; an `ahead`
                // job's panic is caught here, so the thread lives on.
                let _ = quiet::catch(job);
                state = lock(&shared.state);
            }
            None => {
                state.idle += 1;
                state = shared.work.wait(state).unwrap_or_else(|e| e.into_inner());
                state.idle -= 1;
            }
        }
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn map_keeps_the_order_of_its_items() {
        let queue = ReadQueue::new(4);
        let out = queue.map((0..100u64).collect(), |i| {
            std::thread::sleep(Duration::from_micros(100 - i));
            i * i
        });
        let expected: Vec<Option<u64>> = (0..100u64).map(|i| Some(i * i)).collect();
        assert_eq!(out, expected);
    }

    #[test]
    fn a_panicking_job_is_none_and_the_others_finish() {
        let queue = ReadQueue::new(2);
        let out = queue.map(vec![1, 2, 3, 4], |i| {
            assert_ne!(i, 3, "job three fails");
            i
        });
        assert_eq!(out, vec![Some(1), Some(2), None, Some(4)]);
        // The threads survived: the queue still works.
        assert_eq!(queue.map(vec![5, 6], |i| i + 1), vec![Some(6), Some(7)]);
    }

    #[test]
    fn without_threads_the_caller_does_the_work() {
        let queue = ReadQueue::new(0);
        let out = queue.map((0..10).collect(), |i: i32| i * 2);
        assert_eq!(out.len(), 10);
        assert!(out
            .iter()
            .enumerate()
            .all(|(i, r)| *r == Some(i as i32 * 2)));
        assert_eq!(queue.threads(), 0);
    }

    #[test]
    fn without_threads_ahead_work_is_dropped_unrun() {
        let queue = ReadQueue::new(0);
        let held = Arc::new(());
        let (ran, mine) = (Arc::new(AtomicUsize::new(0)), held.clone());
        let r = ran.clone();
        queue.ahead(move || {
            let _keep = mine;
            r.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(
            Arc::strong_count(&held),
            1,
            "the job and what it held are gone"
        );
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn threads_stay_within_the_bound_and_are_reused() {
        let queue = ReadQueue::new(3);
        for _ in 0..5 {
            queue.map((0..50).collect(), |i: u32| {
                std::thread::sleep(Duration::from_millis(1));
                i
            });
        }
        assert!(queue.threads() <= 3, "{} threads", queue.threads());
        assert!(queue.threads() >= 1);
    }

    #[test]
    fn reads_overlap_up_to_the_bound() {
        let queue = ReadQueue::new(8);
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (r, m) = (running.clone(), most.clone());
        queue.map((0..64).collect(), move |_: u32| {
            let now = r.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(5));
            r.fetch_sub(1, Ordering::SeqCst);
        });
        let most = most.load(Ordering::SeqCst);
        // Eight threads plus the caller: latency is hidden by overlap, and bounded.
        assert!((4..=9).contains(&most), "{most} reads at once");
    }

    #[test]
    fn ahead_jobs_run_and_may_wait_on_batches_without_deadlock() {
        let queue: &'static ReadQueue = Box::leak(Box::new(ReadQueue::new(2)));
        let (tx, rx) = mpsc::channel();
        // More ahead jobs than threads, each waiting on a batch of its own.
        for j in 0..6u32 {
            let tx = tx.clone();
            queue.ahead(move || {
                let sum: u32 = queue
                    .map((0..20).collect(), move |i: u32| i + j)
                    .into_iter()
                    .flatten()
                    .sum();
                tx.send(sum).unwrap();
            });
        }
        let mut sums: Vec<u32> = (0..6)
            .map(|_| {
                rx.recv_timeout(Duration::from_secs(10))
                    .expect("an ahead job hung")
            })
            .collect();
        sums.sort_unstable();
        assert_eq!(sums, (0..6).map(|j| 190 + 20 * j).collect::<Vec<_>>());
    }

    #[test]
    fn now_work_is_taken_before_ahead_work() {
        let queue = ReadQueue::new(1);
        let order = Arc::new(Mutex::new(Vec::new()));
        let (gate_tx, gate_rx) = mpsc::channel::<()>();
        // Occupy the one thread, queue read-ahead behind it, then a waited-for batch.
        queue.ahead(move || gate_rx.recv().unwrap());
        for _ in 0..3 {
            let order = order.clone();
            queue.ahead(move || lock(&order).push("ahead"));
        }
        let o = order.clone();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            gate_tx.send(()).unwrap();
        });
        queue.map(vec![0, 1], move |_: i32| lock(&o).push("now"));
        releaser.join().unwrap();
        // The caller ran its own batch while the thread was busy: no "ahead" first.
        let seen = lock(&order).clone();
        assert_eq!(&seen[..2], &["now", "now"]);
    }
}
