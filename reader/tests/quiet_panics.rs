//! The quiet panic hook: silent for rer's parse panics, delegating for all others.
//! (Its own test binary: it installs a process-wide hook.)

use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};

static REPORTED: AtomicUsize = AtomicUsize::new(0);

#[test]
fn rer_panics_are_silent_and_other_panics_still_reach_the_previous_hook() {
    panic::set_hook(Box::new(|_| {
        REPORTED.fetch_add(1, Ordering::SeqCst);
    }));

    assert!(pyrer_reader::parse_requirement("a==").is_none());
    assert!(pyrer_reader::check_requirement("foo-1+<").is_err());
    assert_eq!(
        REPORTED.load(Ordering::SeqCst),
        0,
        "a rer panic reached the hook"
    );

    // the reader's hook is now installed; an unrelated panic must still be reported
    assert!(panic::catch_unwind(|| panic!("unrelated")).is_err());
    assert_eq!(REPORTED.load(Ordering::SeqCst), 1);

    // and quietness is per call: a later rer panic is silent again
    assert!(pyrer_reader::parse_requirement("b==").is_none());
    assert_eq!(REPORTED.load(Ordering::SeqCst), 1);
}
