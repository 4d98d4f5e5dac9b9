//! Loads the packages a solve needs from rez package repositories.
//!
//! `pyrer.solve(package_paths=...)` and `pyrer.load_packages` run on this crate;
//! the Python bindings only add rez itself, through [`RezFallback`]. Layout:
//!
//! * `index`: the family index, which package files a family has across the
//!   roots (the scanner's lookup by name, or a whole-root scan; first root wins);
//! * `queue`: the one read queue every package file is read through: a bounded,
//!   process-wide pool with a `now` lane and an `ahead` lane (its invariants are
//!   written at its top);
//! * `read`: reading entries through the queue and reading them statically;
//! * `readahead`: one solve's families, loaded on demand or ahead of the solver;
//! * `loader`: [`Loader`], one solve's package source; `all`: [`load_all`], every
//!   package of whole roots;
//! * `fallback`: [`RezFallback`], what only rez can load; `reasons` and `stats`:
//!   why files went to rez, and where the time went.

mod all;
mod fallback;
mod index;
mod loader;
mod queue;
mod read;
mod readahead;
pub mod reasons;
mod stats;

pub use all::{load_all, All, Loaded};
pub use fallback::RezFallback;
pub use loader::{Config, Loader, Origin};
pub use queue::{ReadQueue, READ_THREADS};
pub use stats::Stats;

#[cfg(test)]
mod tests;
