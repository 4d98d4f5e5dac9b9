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

/// `f()`, or `Err(the panic message)` if it panicked (silently). Used for rer's
/// parsers here and, by pyrer's bindings, around whole solves.
///
/// `AssertUnwindSafe`: rer's only shared state is its per-thread parse cache,
/// which is written after a successful parse, so a panic leaves it consistent.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let outer = QUIET.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.set(outer);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// `f()`, or `None` if it panicked (silently).
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch(f).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_the_value_or_the_message() {
        assert_eq!(catch(|| 7), Ok(7));
        assert_eq!(
            catch(|| -> u8 { panic!("boom {}", 1) }),
            Err("boom 1".into())
        );
        // nested: the outer call is still quiet after the inner one returns
        let nested = catch(|| catch(|| 1).unwrap() + catch(|| -> i32 { panic!("x") }).unwrap_or(1));
        assert_eq!(nested, Ok(2));
    }
}
