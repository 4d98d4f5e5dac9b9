//! Range forms that rer-version 1.0.0-rc.3 reads differently from rez, and the
//! check that a solve's answer cannot depend on them.
//!
//! rer reads an exclusive lower bound as inclusive (`foo>1` as `foo-1+`, also
//! in `>1<2`) and the inclusive upper bound of a two-sided range as exclusive
//! (`foo-1+<=2` as `foo-1+<2`). The two readings differ on the bound version
//! only, so a solve is exact unless the requirement's family has a version equal
//! to such a bound; then `solve` reports an error instead of a resolve that
//! might not be rez's.

use std::collections::{HashMap, HashSet};

use crate::disk::version_key;

/// A bound rer misreads: the requirement, its family and the bound version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Misread {
    pub(crate) requirement: String,
    pub(crate) family: String,
    pub(crate) bound: String,
    /// Whether rer takes the bound in (an exclusive lower bound) or leaves it out.
    pub(crate) rer_includes: bool,
}

/// The bounds of `requirement` that rer misreads (usually none).
pub(crate) fn misreads(requirement: &str) -> Vec<Misread> {
    if !requirement.contains('>') && !requirement.contains("<=") {
        return Vec::new(); // the common case, decided without parsing
    }
    let body = requirement.trim_start_matches(['~', '!']);
    let Some(split) = body.find(['-', '@', '#', '=', '<', '>']) else {
        return Vec::new();
    };
    let (family, mut range) = body.split_at(split);
    if range.starts_with(['-', '@', '#']) {
        range = &range[1..];
    }
    let mut out = Vec::new();
    for part in range.split('|') {
        let lower = part
            .strip_prefix('>')
            .filter(|r| !r.starts_with('='))
            .and_then(|r| r.split('<').next());
        let upper = part
            .find("<=")
            .filter(|&at| at > 0)
            .map(|at| &part[at + 2..]);
        for (bound, rer_includes) in [(lower, true), (upper, false)] {
            let Some(bound) = bound.filter(|b| !b.is_empty()) else {
                continue;
            };
            out.push(Misread {
                requirement: requirement.to_string(),
                family: family.to_string(),
                bound: bound.to_string(),
                rer_includes,
            });
        }
    }
    out
}

/// What a solve saw: the misread bounds of every requirement string handed to
/// the solver, and the versions of every family it was given.
#[derive(Default)]
pub(crate) struct Audit {
    misread: Vec<Misread>,
    versions: HashMap<String, HashSet<String>>,
}

impl Audit {
    pub(crate) fn requirements<'a>(&mut self, strings: impl IntoIterator<Item = &'a String>) {
        for s in strings {
            self.misread.extend(misreads(s));
        }
    }

    pub(crate) fn family<'a>(
        &mut self,
        name: &str,
        versions: impl IntoIterator<Item = &'a String>,
    ) {
        self.versions
            .entry(name.to_string())
            .or_default()
            .extend(versions.into_iter().map(|v| version_key(v)));
    }

    /// The families some misread bound belongs to (only their versions matter).
    pub(crate) fn families_named(&self) -> std::collections::HashSet<&str> {
        self.misread.iter().map(|m| m.family.as_str()).collect()
    }

    /// The error of a solve whose answer may depend on a misread bound.
    pub(crate) fn problem(&self) -> Option<String> {
        let hit = self.misread.iter().find(|m| {
            self.versions
                .get(&m.family)
                .is_some_and(|versions| versions.contains(&version_key(&m.bound)))
        })?;
        Some(format!(
            "requirement {:?}: rer-version 1.0.0-rc.3 reads its bound {} differently from rez \
             ({}), and {}-{} exists, so this solve might not give rez's answer",
            hit.requirement,
            hit.bound,
            if hit.requirement.contains("<=") {
                "excludes it"
            } else {
                "includes it"
            },
            hit.family,
            hit.bound
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(s: &str) -> Vec<(String, String)> {
        misreads(s)
            .into_iter()
            .map(|m| (m.family, m.bound))
            .collect()
    }

    #[test]
    fn finds_the_misread_forms_only() {
        let b = |f: &str, v: &str| (f.to_string(), v.to_string());
        assert_eq!(bounds("foo>1"), vec![b("foo", "1")]);
        assert_eq!(bounds("~over>3.0.0"), vec![b("over", "3.0.0")]);
        assert_eq!(bounds("foo>1<2"), vec![b("foo", "1")]);
        assert_eq!(bounds("foo-1+<=2"), vec![b("foo", "2")]);
        assert_eq!(bounds("foo-3|>5"), vec![b("foo", "5")]);
        assert_eq!(bounds("foo>1<=2"), vec![b("foo", "1"), b("foo", "2")]);
        for fine in [
            "foo", "foo-1+<2", "foo>=1", "foo<=2", "foo>=1<2", "!foo-1", "foo==1",
        ] {
            assert_eq!(bounds(fine), vec![], "{fine}");
        }
    }

    #[test]
    fn a_problem_only_where_the_bound_version_exists() {
        let mut audit = Audit::default();
        audit.requirements(&["a>1".to_string()]);
        audit.family("a", &["2".to_string()]);
        assert_eq!(audit.problem(), None);
        audit.family("a", &["1".to_string()]);
        assert!(audit.problem().unwrap().contains("\"a>1\""));
    }
}
