//! `backends`: every backend this build has, and why any of them cannot run here.

use pyo3::prelude::*;

/// `[(name, None if it can run here else the reason it cannot)]`.
#[pyfunction]
pub(crate) fn backends() -> Vec<(&'static str, Option<String>)> {
    pyrer_scanner::backends()
}
