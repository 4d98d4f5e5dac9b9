//! Counts and cumulative times of the loading stages, as `SolveResult.presolve` reports them.

use std::time::Duration;

use crate::reasons::Reasons;

/// Stages run concurrently, so their times can sum to more than the wall time.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Families looked up (scans by name, or listed by a whole-root scan).
    pub families: usize,
    pub scan: Duration,
    pub files_read: usize,
    pub read: Duration,
    pub static_reads: usize,
    pub static_parse: Duration,
    pub rez_loads: usize,
    pub rez_load: Duration,
    /// Families loaded ahead of the solver, and how many it then took from there.
    pub readahead_families: usize,
    pub readahead_hits: usize,
    pub rez_reasons: Reasons,
}

impl Stats {
    /// Adds `part`'s counts and times to these.
    pub fn add(&mut self, part: &Stats) {
        self.rez_reasons.merge(&part.rez_reasons);
        self.families += part.families;
        self.scan += part.scan;
        self.files_read += part.files_read;
        self.read += part.read;
        self.static_reads += part.static_reads;
        self.static_parse += part.static_parse;
        self.rez_loads += part.rez_loads;
        self.rez_load += part.rez_load;
        self.readahead_families += part.readahead_families;
        self.readahead_hits += part.readahead_hits;
    }
}
