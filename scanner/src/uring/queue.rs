//! The I/O queue of one ring thread: an io_uring, the operations in flight with
//! the buffers they point to, and the futures that wait for their completions.
//!
//! # Ownership invariant
//!
//! Every submitted SQE points only into its slot's [`InFlight`] (path bytes, statx
//! buffer) and names a directory fd that the same `InFlight` holds open. A slot is
//! freed — and its `InFlight` dropped — only (a) after its CQE has been reaped, or
//! (b) if the SQE never reached the kernel. Dropping the waiting future does not
//! free the slot: it marks it orphaned, and the reaper frees it (closing any fd
//! an orphaned open returned). [`Queue::drain`] reaps everything still in flight
//! before the ring is dropped, so no buffer or fd outlives or leaks from a scan,
//! on success, error or cancellation alike.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ffi::CString;
use std::future::Future;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use io_uring::{opcode, squeue, types, IoUring};

/// What an operation's SQE points to, kept alive until its CQE is reaped.
pub(crate) enum InFlight {
    /// `openat(dir, path)`.
    Open { path: CString, dir: Arc<OwnedFd> },
    /// `statx(dir, path)` into `buf`.
    Statx {
        path: CString,
        dir: Arc<OwnedFd>,
        buf: Box<libc::statx>,
    },
}

enum State {
    /// In the backlog or the kernel; the waker of the future waiting for it.
    Waiting(Option<Waker>),
    /// Reaped; the CQE's result.
    Done(i32),
    /// Its future was dropped before it completed.
    Orphaned,
}

struct Slot {
    state: State,
    in_flight: InFlight,
}

/// One ring and its operations. Used from one thread only.
pub(crate) struct Queue {
    ring: RefCell<IoUring>,
    slots: RefCell<Vec<Option<Slot>>>,
    free: RefCell<Vec<usize>>,
    /// Slots whose SQEs have not been pushed to the submission queue yet.
    backlog: RefCell<VecDeque<(usize, squeue::Entry)>>,
    /// SQEs in the kernel whose CQEs have not been reaped.
    in_flight: Cell<usize>,
    max_in_flight: usize,
    /// Futures waiting for any completion (back-pressure on EMFILE).
    progress: RefCell<Vec<Waker>>,
}

impl Queue {
    /// A ring with room for `max_in_flight` operations, whose io-wq worker
    /// pool (owned by this thread) is capped at the same number.
    pub(crate) fn new(max_in_flight: usize) -> io::Result<Queue> {
        let entries = max_in_flight.next_power_of_two().clamp(8, 4096) as u32;
        let ring = IoUring::builder().build(entries)?;
        let workers = max_in_flight.min(u32::MAX as usize) as u32;
        // STATX always runs on io-wq workers; their default cap is 4 per CPU.
        // Kernels before 5.15 lack this call; they in_flight the default.
        let _ = ring
            .submitter()
            .register_iowq_max_workers(&mut [workers, workers]);
        Ok(Queue {
            ring: RefCell::new(ring),
            slots: RefCell::default(),
            free: RefCell::default(),
            backlog: RefCell::default(),
            in_flight: Cell::new(0),
            max_in_flight: max_in_flight.min(entries as usize * 2),
            progress: RefCell::default(),
        })
    }

    /// Queues an operation. The SQE is built here from pointers into `in_flight`,
    /// which the slot then owns: moving `in_flight` moves no heap bytes.
    pub(crate) fn push(&self, in_flight: InFlight) -> Op<'_> {
        let entry = match &in_flight {
            InFlight::Open { path, dir } => {
                let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC;
                opcode::OpenAt::new(types::Fd(dir.as_raw_fd()), path.as_ptr())
                    .flags(flags)
                    .build()
            }
            InFlight::Statx { path, dir, buf } => {
                let buf: *const libc::statx = &**buf;
                opcode::Statx::new(
                    types::Fd(dir.as_raw_fd()),
                    path.as_ptr(),
                    buf.cast_mut().cast::<types::statx>(),
                )
                .mask(libc::STATX_TYPE)
                .build()
            }
        };
        let slot = Slot {
            state: State::Waiting(None),
            in_flight,
        };
        let index = match self.free.borrow_mut().pop() {
            Some(index) => {
                self.slots.borrow_mut()[index] = Some(slot);
                index
            }
            None => {
                let mut slots = self.slots.borrow_mut();
                slots.push(Some(slot));
                slots.len() - 1
            }
        };
        let entry = entry.user_data(index as u64);
        self.backlog.borrow_mut().push_back((index, entry));
        Op {
            queue: self,
            index,
            finished: false,
        }
    }

    fn release(&self, index: usize) -> Slot {
        let slot = self.slots.borrow_mut()[index].take();
        self.free.borrow_mut().push(index);
        slot.expect("released slot is occupied")
    }

    /// Frees an orphaned slot whose operation finished with `result`.
    fn discard(&self, index: usize, result: i32) {
        if let InFlight::Open { .. } = self.release(index).in_flight {
            if result >= 0 {
                // SAFETY: the kernel returned this fd to us and nobody else has it.
                drop(unsafe { OwnedFd::from_raw_fd(result) });
            }
        }
    }

    /// True when operations are queued or in flight.
    pub(crate) fn busy(&self) -> bool {
        self.in_flight.get() > 0 || !self.backlog.borrow().is_empty()
    }

    /// Moves backlog SQEs into the submission queue, within the in-flight bound.
    /// Orphaned entries that never reached the kernel are freed here.
    fn fill(&self) {
        let mut ring = self.ring.borrow_mut();
        let mut backlog = self.backlog.borrow_mut();
        let mut sq = ring.submission();
        while self.in_flight.get() < self.max_in_flight {
            let Some((index, entry)) = backlog.pop_front() else {
                break;
            };
            let orphaned = matches!(
                self.slots.borrow()[index].as_ref().map(|s| &s.state),
                Some(State::Orphaned)
            );
            if orphaned {
                drop(self.release(index));
                continue;
            }
            // SAFETY: the entry points into the slot's `InFlight`, which stays alive
            // until this operation's CQE is reaped (see the module invariant).
            if unsafe { sq.push(&entry) }.is_err() {
                backlog.push_front((index, entry));
                break;
            }
            self.in_flight.set(self.in_flight.get() + 1);
        }
    }

    /// Submits what is queued, waits for at least one completion if anything is
    /// in flight, and hands every completion to its future.
    pub(crate) fn turn(&self) -> io::Result<()> {
        self.fill();
        let want = usize::from(self.in_flight.get() > 0);
        match self.ring.borrow().submit_and_wait(want) {
            Ok(_) => {}
            // Interrupted, or the completion queue is full: reap, then go on.
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINTR | libc::EBUSY)) => {}
            Err(e) => return Err(e),
        }
        let completions: Vec<(usize, i32)> = self
            .ring
            .borrow_mut()
            .completion()
            .map(|cqe| (cqe.user_data() as usize, cqe.result()))
            .collect();
        for (index, result) in completions {
            self.in_flight.set(self.in_flight.get() - 1);
            let waker = {
                let mut slots = self.slots.borrow_mut();
                let slot = slots[index].as_mut().expect("completed slot is occupied");
                match std::mem::replace(&mut slot.state, State::Done(result)) {
                    State::Waiting(waker) => waker,
                    State::Orphaned => {
                        drop(slots);
                        self.discard(index, result);
                        None
                    }
                    State::Done(_) => unreachable!("an operation completes once"),
                }
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        }
        for waker in self.progress.borrow_mut().drain(..) {
            waker.wake();
        }
        Ok(())
    }

    /// Reaps every operation still in the kernel (their futures are gone), so
    /// the ring and the buffers can be dropped safely.
    pub(crate) fn drain(&self) -> io::Result<()> {
        // Nothing in the backlog reached the kernel: free it outright.
        for (index, _) in self.backlog.borrow_mut().drain(..) {
            drop(self.release(index));
        }
        while self.in_flight.get() > 0 {
            self.turn()?;
        }
        Ok(())
    }

    /// Resolves once the queue has reaped at least one more completion.
    pub(crate) fn progress(&self) -> Progress<'_> {
        Progress {
            queue: self,
            waited: false,
        }
    }
}

/// A queued operation; resolves to its CQE result and the buffers it used.
pub(crate) struct Op<'q> {
    queue: &'q Queue,
    index: usize,
    finished: bool,
}

impl Future for Op<'_> {
    type Output = (i32, InFlight);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let done = {
            let mut slots = self.queue.slots.borrow_mut();
            let slot = slots[self.index].as_mut().expect("polled slot is occupied");
            match &mut slot.state {
                State::Done(result) => Some(*result),
                State::Waiting(waker) => {
                    *waker = Some(cx.waker().clone());
                    None
                }
                State::Orphaned => unreachable!("only a dropped future orphans its slot"),
            }
        };
        match done {
            Some(result) => {
                self.finished = true;
                Poll::Ready((result, self.queue.release(self.index).in_flight))
            }
            None => Poll::Pending,
        }
    }
}

impl Drop for Op<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let result = {
            let mut slots = self.queue.slots.borrow_mut();
            let slot = slots[self.index]
                .as_mut()
                .expect("dropped slot is occupied");
            match std::mem::replace(&mut slot.state, State::Orphaned) {
                State::Done(result) => Some(result),
                _ => None,
            }
        };
        // Completed but never collected: free it now (closing an opened fd).
        // Otherwise the slot stays orphaned until its CQE is reaped.
        if let Some(result) = result {
            self.queue.discard(self.index, result);
        }
    }
}

/// See [`Queue::progress`].
pub(crate) struct Progress<'q> {
    queue: &'q Queue,
    waited: bool,
}

impl Future for Progress<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.waited {
            return Poll::Ready(());
        }
        self.waited = true;
        self.queue.progress.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}
