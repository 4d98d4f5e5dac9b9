//! Runs rer's panicking parsers as fallible calls that print nothing.
//!
//! rer's `Requirement::parse` / `VersionRange::parse` panic on invalid input.
//! `catch_unwind` recovers, but the panic hook would still print the message
//! to stderr. A process-wide hook, installed once, stays silent only while this
//! thread's `QUIET` flag is set and otherwise delegates to the hook it
//! replaced, so every other panic is reported as before.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static INSTALL: Once = Once::new();

fn install_hook() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            // `try_with`: a panic while the thread-locals are torn down is reported.
            if !QUIET.try_with(Cell::get).unwrap_or(false) {
                previous(info);
            }
        }));
    });
}

/// `f()`, or `None` if it panicked (silently).
///
/// `AssertUnwindSafe`: rer's only shared state is its per-thread parse cache,
/// which is written after a successful parse, so a panic leaves it consistent.
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    install_hook();
    let outer = QUIET.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.set(outer);
    result.ok()
}
