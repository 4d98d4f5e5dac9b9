//! The work list both backends share: directory families, then chunks of the
//! versions of large families, so that one family with thousands of versions
//! is probed by every thread (or ring) instead of one.
//!
//! Open directories are bounded by the tasks in flight: a family's chunks go to
//! the front of the queue, so no family is opened while chunks of an open one
//! wait (a queued chunk keeps its family's fd open). A family that meets `EMFILE`
//! waits until another task finishes and so closes fds, then opens again.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::fs::Fs;
use crate::pool;
use crate::walk::{FamilyDir, Found, Opened, Root, Walk};
use crate::CancelToken;

/// Versions probed by one task on local filesystems; larger families are split.
pub(crate) const LOCAL_CHUNK: usize = 32;
/// Versions probed by one task on network and FUSE filesystems, where every probe
/// is a round trip: small chunks spread a family's probes over many threads (or
/// rings). On the 1 ms FUSE mount of the first 100 benchmark families this cut
/// the std scan from 0.14-0.15 s to 0.10-0.11 s (chunks of 1, 2, 4, 8 and 32
/// measured); on a warm local disk it costs about 10%, hence two sizes.
pub(crate) const REMOTE_CHUNK: usize = 2;

/// One unit of work.
pub(crate) enum Task<'r, D> {
    /// Open, list and settle a directory family.
    Family(&'r Root<D>, &'r str),
    /// Probe some versions of a listed family.
    Versions(Arc<FamilyDir<D>>, Range<usize>),
}

struct State<'r, D> {
    queue: VecDeque<Task<'r, D>>,
    /// Tasks taken and not yet finished: they may still add tasks.
    running: usize,
    /// Tasks that ran out of fds, queued again when a running task finishes.
    deferred: Vec<Task<'r, D>>,
}

/// The queue of tasks, shared by all threads of a scan.
pub(crate) struct Tasks<'r, D> {
    state: Mutex<State<'r, D>>,
    changed: Condvar,
    cancel: &'r CancelToken,
    /// Versions probed by one task (`LOCAL_CHUNK` or `REMOTE_CHUNK`).
    chunk: usize,
}

impl<'r, D> Tasks<'r, D> {
    /// A queue holding every directory family of `roots`.
    pub(crate) fn new(roots: &'r [Root<D>], cancel: &'r CancelToken, chunk: usize) -> Self {
        let queue: VecDeque<_> = roots
            .iter()
            .flat_map(|root| root.families.iter().map(move |f| Task::Family(root, f)))
            .collect();
        cancel.start_families(queue.len());
        Tasks {
            state: Mutex::new(State {
                queue,
                running: 0,
                deferred: Vec::new(),
            }),
            changed: Condvar::new(),
            cancel,
            chunk: chunk.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<'r, D>> {
        // A panic elsewhere cannot leave the queue half-updated; keep going.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many tasks are queued (not counting running ones).
    pub(crate) fn queued(&self) -> usize {
        if self.cancel.is_cancelled() {
            return 0;
        }
        self.lock().queue.len()
    }

    /// Takes a task without waiting, if one is queued.
    pub(crate) fn try_take(&self) -> Option<Task<'r, D>> {
        if self.cancel.is_cancelled() {
            return None;
        }
        let mut state = self.lock();
        let task = state.queue.pop_front()?;
        state.running += 1;
        Some(task)
    }

    /// Takes a task, waiting while running tasks may still add some.
    /// `None` once every task is finished, or the scan is cancelled.
    pub(crate) fn take(&self) -> Option<Task<'r, D>> {
        let mut state = self.lock();
        loop {
            if self.cancel.is_cancelled() {
                return None;
            }
            if let Some(task) = state.queue.pop_front() {
                state.running += 1;
                return Some(task);
            }
            if state.running == 0 {
                return None;
            }
            // Cancellation is polled, so wait in short slices.
            let slice = std::time::Duration::from_millis(5);
            state = self
                .changed
                .wait_timeout(state, slice)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Marks a task taken with `take`/`try_take` as finished.
    pub(crate) fn finish(&self) {
        let mut state = self.lock();
        state.running -= 1;
        // Whatever it held open is closed now: deferred tasks may try again.
        let deferred = std::mem::take(&mut state.deferred);
        let requeued = !deferred.is_empty();
        state.queue.extend(deferred);
        if state.running == 0 || requeued {
            self.changed.notify_all();
        }
    }

    /// Whether tasks other than the caller's are running (and will close fds).
    pub(crate) fn others_running(&self) -> bool {
        self.lock().running > 1
    }

    /// Finishes a task that ran out of fds and takes it back, to run again once
    /// another task finishes (at once, if none is left running).
    pub(crate) fn defer(&self, task: Task<'r, D>) {
        let mut state = self.lock();
        state.running -= 1;
        if state.running == 0 {
            state.queue.push_front(task);
            self.changed.notify_all();
        } else {
            state.deferred.push(task);
        }
    }

    /// Queues chunks of an open family ahead of every family still to open.
    fn push_front(&self, tasks: impl DoubleEndedIterator<Item = Task<'r, D>>) {
        let mut state = self.lock();
        let before = state.queue.len();
        for task in tasks.rev() {
            state.queue.push_front(task);
        }
        if state.queue.len() > before {
            self.changed.notify_all();
        }
    }
}

impl<F: Fs> Walk<'_, F> {
    /// Runs one task and marks it finished (or deferred); a family with many
    /// versions queues all but its first chunk.
    pub(crate) async fn run<'r>(&self, task: Task<'r, F::Dir>, tasks: &Tasks<'r, F::Dir>) {
        match task {
            Task::Family(root, name) => {
                // Only while other tasks run can waiting free an fd; else EMFILE is a problem.
                let may_wait = tasks.others_running();
                match self.open_family(root, name, may_wait).await {
                    Opened::Family(family) => {
                        let count = family.version_count();
                        let family = Arc::new(family);
                        let chunk = tasks.chunk;
                        let rest = (chunk..count).step_by(chunk);
                        tasks.push_front(rest.map(|start| {
                            Task::Versions(family.clone(), start..(start + chunk).min(count))
                        }));
                        self.scan_versions(&family, 0..count.min(chunk)).await;
                    }
                    Opened::Done => {}
                    Opened::OutOfFds => return tasks.defer(Task::Family(root, name)),
                }
                tasks.cancel.family_listed();
            }
            Task::Versions(family, range) => self.scan_versions(&family, range).await,
        }
        tasks.finish();
    }
}

/// The one scan driver both backends run after reading their roots: the roots'
/// families become `Tasks`, up to `bound(&tasks)` threads of `pool` each run `worker`
/// (which drains the tasks with a walker of its own and returns what it found, `None`
/// when cancelled), and their findings are merged into `found`. `None` when cancelled.
pub(crate) fn drive<D: Send + Sync, E: Send>(
    roots: &[Root<D>],
    mut found: Found,
    cancel: &CancelToken,
    chunk: usize,
    bound: impl FnOnce(&Tasks<'_, D>) -> usize,
    worker: impl Fn(&Tasks<'_, D>) -> Result<Option<Found>, E> + Sync,
) -> Result<Option<Found>, E> {
    let tasks = Tasks::new(roots, cancel, chunk);
    let bound = bound(&tasks);
    for part in pool::run(bound, || tasks.queued() > 0, || worker(&tasks)) {
        match part? {
            Some(part) => found.merge(part),
            None => return Ok(None),
        }
    }
    Ok((!cancel.is_cancelled()).then_some(found))
}
