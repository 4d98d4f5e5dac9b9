//! `CancelToken`: stops a running scan from another thread, and shows how far it got.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// A handle shared by a scan and its caller: the caller may ask the scan to stop,
/// and read its progress meanwhile (for a progress line). Clones share the handle.
///
/// A cancelled scan stops starting new work, waits for the operations it has in
/// flight, releases every fd and thread, and returns `ScanError::Cancelled`.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<Shared>);

#[derive(Debug, Default)]
struct Shared {
    cancelled: AtomicBool,
    families_total: AtomicUsize,
    families_listed: AtomicUsize,
}

/// How far a scan got: directory families listed so far, of those its roots hold.
/// Both are 0 until the roots are read (combined families are not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Directory families whose versions have been listed.
    pub families_listed: usize,
    /// Directory families found in the roots.
    pub families_total: usize,
}

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every scan holding this token to stop.
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether `cancel` was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::Relaxed)
    }

    /// The progress of the scan holding this token (of the latest, if several).
    pub fn progress(&self) -> Progress {
        Progress {
            families_listed: self.0.families_listed.load(Ordering::Relaxed),
            families_total: self.0.families_total.load(Ordering::Relaxed),
        }
    }

    /// A scan's roots are read: `total` directory families are to be listed.
    pub(crate) fn start_families(&self, total: usize) {
        self.0.families_listed.store(0, Ordering::Relaxed);
        self.0.families_total.store(total, Ordering::Relaxed);
    }

    /// One more directory family is listed.
    pub(crate) fn family_listed(&self) {
        self.0.families_listed.fetch_add(1, Ordering::Relaxed);
    }
}
