//! Why package files went to rez instead of the static reader: stable keys, counts, examples.
//!
//! A key is the static reader's (`pyrer_reader::NotStatic::reason`) or one of the
//! loader's below. `pyrer load --why`, `LoadResult.rez_reasons` and
//! `SolveResult.presolve["rez_reasons"]` show them, so a studio can see before
//! switching the fast path on what it will get, and why.

use std::collections::BTreeMap;
use std::path::Path;

/// The file could not be read (permissions, a FIFO, an I/O error).
pub const UNREADABLE: &str = "unreadable";
/// The package file is not `package.py` (`package.yaml`, ...): only rez reads it.
pub const FORMAT: &str = "format";
/// A combined family (`ROOT/foo.py`): its versions live inside a file rez evaluates.
pub const COMBINED: &str = "combined-family";
/// A family directory that could not be listed: rez's own listing decides.
pub const UNLISTED: &str = "unlisted-family";
/// The static reader panicked: a bug in it, but rez's load still answers.
pub const READER_PANIC: &str = "reader-panic";

/// Example paths kept per reason.
const EXAMPLES: usize = 3;

/// Files sent to rez, by reason.
#[derive(Clone, Debug, Default)]
pub struct Reasons(BTreeMap<&'static str, Why>);

/// How many files went to rez for one reason, and some of them.
#[derive(Clone, Debug, Default)]
pub struct Why {
    pub count: usize,
    pub examples: Vec<String>,
}

impl Reasons {
    /// `count` files (or packages of a whole family) went to rez for `reason`,
    /// `example` being one of them.
    pub fn note(&mut self, reason: &'static str, example: &Path, count: usize) {
        let why = self.0.entry(reason).or_default();
        why.count += count;
        if why.examples.len() < EXAMPLES {
            why.examples.push(example.display().to_string());
        }
    }

    pub fn merge(&mut self, other: &Reasons) {
        for (reason, why) in &other.0 {
            let mine = self.0.entry(reason).or_default();
            mine.count += why.count;
            let room = EXAMPLES.saturating_sub(mine.examples.len());
            mine.examples
                .extend(why.examples.iter().take(room).cloned());
        }
    }

    /// Each reason with its count and examples, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Why)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }
}
