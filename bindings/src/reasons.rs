//! Why package files went to rez instead of the static reader: stable keys, counts, examples.
//!
//! A key is the static reader's (`pyrer_reader::NotStatic::reason`) or one of the
//! loader's below. `pyrer load --why`, `LoadResult.rez_reasons` and
//! `SolveResult.presolve["rez_reasons"]` show them, so a studio can see before
//! switching the fast path on what it will get, and why.

use std::collections::BTreeMap;
use std::path::Path;

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The file could not be read (permissions, a FIFO, an I/O error).
pub(crate) const UNREADABLE: &str = "unreadable";
/// The package file is not `package.py` (`package.yaml`, ...): only rez reads it.
pub(crate) const FORMAT: &str = "format";
/// A combined family (`ROOT/foo.py`): its versions live inside a file rez evaluates.
pub(crate) const COMBINED: &str = "combined-family";
/// A family directory that could not be listed: rez's own listing decides.
pub(crate) const UNLISTED: &str = "unlisted-family";

/// The static reader panicked: a bug in it, but rez's load still answers.
pub(crate) const READER_PANIC: &str = "reader-panic";

/// Example paths kept per reason.
const EXAMPLES: usize = 3;

/// Files sent to rez, by reason.
#[derive(Clone, Debug, Default)]
pub(crate) struct Reasons(BTreeMap<&'static str, Why>);

#[derive(Clone, Debug, Default)]
struct Why {
    count: usize,
    examples: Vec<String>,
}

impl Reasons {
    /// `count` files (or packages of a whole family) went to rez for `reason`,
    /// `example` being one of them.
    pub(crate) fn note(&mut self, reason: &'static str, example: &Path, count: usize) {
        let why = self.0.entry(reason).or_default();
        why.count += count;
        if why.examples.len() < EXAMPLES {
            why.examples.push(example.display().to_string());
        }
    }

    pub(crate) fn merge(&mut self, other: &Reasons) {
        for (reason, why) in &other.0 {
            let mine = self.0.entry(reason).or_default();
            mine.count += why.count;
            let room = EXAMPLES.saturating_sub(mine.examples.len());
            mine.examples
                .extend(why.examples.iter().take(room).cloned());
        }
    }

    /// `{reason: count}`.
    pub(crate) fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (reason, why) in &self.0 {
            d.set_item(reason, why.count)?;
        }
        Ok(d)
    }

    /// `{reason: [example path, ...]}`.
    pub(crate) fn examples<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (reason, why) in &self.0 {
            d.set_item(reason, &why.examples)?;
        }
        Ok(d)
    }
}
