//! Requirement strings, package names and versions that rez renders back unchanged.
//!
//! rez stores `str(PackageRequest(s))`, which re-renders the parsed range
//! (bounds sorted and merged, weak ranges through a double inverse, `==`, ...),
//! so `s` can be kept only where that rendering is provably `s` itself. rer
//! renders structurally too (it does not echo its input), so the test here is:
//! `s` is in a conservative character set, and rer's parse of its rer form
//! (`rer_form`) renders back to `s`. The differential test (tests/test_static_reader.py) shows that rez
//! 3.4.0 renders every string accepted here back to itself.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{PoisonError, RwLock};

use crate::error::{NotStatic, Reason};
use crate::quiet::quietly;
use crate::rer_form::{rer_requirement, rez_spelling};
use rer_resolver::rez_solver::Requirement;
use rer_version::{RerVersion, VersionRange};
use std::ops::Bound;

/// Numeric version parts longer than this are refused: rer keeps numbers in an
/// `i64` (a longer one compares as text, unlike rez's Python int).
const MAX_DIGITS: usize = 18;

/// rer's requirement parser without its panics: `None` where
/// `Requirement::parse` would panic (an invalid range such as `a==`), and
/// nothing is printed to stderr. Like rer, it does not check the package name
/// (see [`is_valid_package_name`]).
pub fn parse_requirement(s: &str) -> Option<Requirement> {
    quietly(|| Requirement::parse(s))
}

/// rez's package name rule (`rez.utils.formatting.is_valid_package_name`):
/// `[a-zA-Z_0-9](\.?[a-zA-Z0-9_]+)*`, and not `__pycache__`.
pub fn is_valid_package_name(name: &str) -> bool {
    let word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    name.split('.').all(word) && name != "__pycache__"
}

fn requirement_error(s: &str, why: &str) -> NotStatic {
    NotStatic::new(Reason::Requirement, format!("{s:?}: {why}"))
}

/// Whether rez renders the requirement string `s` back to `s` (else `Err`).
///
/// Accepted: `[!~]NAME` optionally followed by `-`, `@`, `#` (or directly `=`,
/// `<`, `>`) and a range made of version tokens and `+ < > = | .`, which rer
/// parses and renders back to exactly `s`, each `|`-part a valid bound. Where
/// the range holds two or more versions (their order decides validity,
/// sorting and merging), its versions must be dot-separated `[0-9a-z_]`
/// tokens: rer and rez order letters differently (`_` first, then lower, then
/// upper case vs ASCII) and rer also orders by separator, so only there do
/// the two orders provably agree. A single version is only ever compared with
/// its own `next()` and the range ends, where the orders agree.
///
/// The same strings recur across a repository's files, and rer's parser is the
/// reader's costliest step, so accepted strings are remembered (see [`Accepted`]).
pub fn check_requirement(s: &str) -> Result<(), NotStatic> {
    ACCEPTED_REQUIREMENTS.check(s, check_uncached)
}

static ACCEPTED_REQUIREMENTS: Accepted = Accepted(RwLock::new(None));
static ACCEPTED_VERSIONS: Accepted = Accepted(RwLock::new(None));

/// The strings a check accepted, process-wide (the answer depends on the string
/// alone). Bounded: emptied when it reaches [`Accepted::MAX`] strings.
struct Accepted(RwLock<Option<HashSet<Box<str>>>>);

impl Accepted {
    const MAX: usize = 1 << 16;

    /// `check(s)`, remembered where it is `Ok`.
    fn check(&self, s: &str, check: fn(&str) -> Result<(), NotStatic>) -> Result<(), NotStatic> {
        if self.contains(s) {
            return Ok(());
        }
        let checked = check(s);
        if checked.is_ok() {
            self.insert(s);
        }
        checked
    }

    fn contains(&self, s: &str) -> bool {
        let set = self.0.read().unwrap_or_else(PoisonError::into_inner);
        set.as_ref().is_some_and(|set| set.contains(s))
    }

    fn insert(&self, s: &str) {
        let mut set = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let set = set.get_or_insert_with(HashSet::new);
        if set.len() >= Self::MAX {
            set.clear();
        }
        set.insert(s.into());
    }
}

fn check_uncached(s: &str) -> Result<(), NotStatic> {
    let body = s.strip_prefix(['!', '~']).unwrap_or(s);
    // rez and rer both split the name at the first of these characters.
    let name_end = body
        .find(['-', '@', '#', '=', '<', '>'])
        .unwrap_or(body.len());
    let (name, rest) = body.split_at(name_end);
    if !is_valid_package_name(name) {
        return Err(requirement_error(s, "package name"));
    }
    let range = rest.strip_prefix(['-', '@', '#']).unwrap_or(rest);
    if !range
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_.-+<>=|".contains(&b))
    {
        return Err(requirement_error(s, "character outside the range syntax"));
    }
    let versions: Vec<&str> = range
        .split(['+', '<', '>', '=', '|'])
        .flat_map(|part| part.split(".."))
        .filter(|v| !v.is_empty())
        .collect();
    if versions.iter().any(|v| has_long_number(v)) {
        return Err(requirement_error(s, "number too long"));
    }
    if versions.len() > 1 && !versions.iter().all(|v| is_order_safe(v)) {
        return Err(requirement_error(
            s,
            "versions whose order rer and rez may disagree on",
        ));
    }
    // rer does not check bounds (`2+<1` renders as is, rez raises): each
    // `|`-part must parse alone to one valid segment, as rez's `_Bound` requires.
    for part in range.split('|') {
        let parsed = quietly(|| VersionRange::parse(part))
            .ok_or_else(|| requirement_error(s, "invalid range"))?;
        let mut segments = parsed.as_ranges().iter();
        match (segments.next(), segments.next()) {
            (Some((lower, upper)), None) if is_valid_bound(lower, upper) => {}
            _ => return Err(requirement_error(s, "invalid bound")),
        }
    }
    let form = rer_requirement(s).map_err(|err| requirement_error(s, &err.to_string()))?;
    let rendered = match &form {
        Cow::Borrowed(_) => match parse_requirement(s) {
            Some(parsed) => parsed.to_string(),
            None => return Err(requirement_error(s, "invalid")),
        },
        // A form rewritten for rer (`foo>1` is `foo-1-_+`): rendered as rez renders
        // it, its range (positive: rez renders a weak one through a double inverse,
        // the same range) with every rewritten bound spelled as rez spells it.
        Cow::Owned(form) => {
            let range_text = form.get(s.len() - body.len() + name.len() + 1..);
            let range = range_text
                .and_then(|text| quietly(|| VersionRange::parse(text)))
                .ok_or_else(|| requirement_error(s, "invalid"))?;
            let range = rez_spelling(&range).unwrap_or(range).to_string();
            let sep = match rest.as_bytes().first() {
                _ if range.starts_with(['=', '<', '>']) => "",
                Some(b'@') => "@",
                Some(b'#') => "#",
                _ => "-",
            };
            format!("{}{name}{sep}{range}", &s[..s.len() - body.len()])
        }
    };
    if rendered == s {
        Ok(())
    } else {
        Err(requirement_error(s, "rendered differently"))
    }
}

/// Whether a directory's version string is one rez renders back unchanged
/// (`str(Version(v)) == v`, shown by the differential test): rez's version
/// syntax (`[0-9a-zA-Z_]` tokens separated by `.` or `-`) that rer's version
/// parser renders back to `v`.
pub fn check_version(v: &str) -> Result<(), NotStatic> {
    ACCEPTED_VERSIONS.check(v, check_version_uncached)
}

fn check_version_uncached(v: &str) -> Result<(), NotStatic> {
    let token =
        |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !v.split(['.', '-']).all(token) || has_long_number(v) {
        return Err(NotStatic::new(Reason::Identity, format!("version {v:?}")));
    }
    match RerVersion::try_from(v) {
        Ok(parsed) if parsed.to_string() == v => Ok(()),
        _ => Err(NotStatic::new(Reason::Identity, format!("version {v:?}"))),
    }
}

/// rez's `_Bound` rule: lower below upper, or equal with both inclusive (`==v`).
fn is_valid_bound(lower: &Bound<RerVersion>, upper: &Bound<RerVersion>) -> bool {
    match (lower, upper) {
        (Bound::Included(l), Bound::Included(u)) => l <= u,
        (Bound::Included(l) | Bound::Excluded(l), Bound::Included(u) | Bound::Excluded(u)) => l < u,
        (Bound::Unbounded, _) | (_, Bound::Unbounded) => true,
    }
}

fn has_long_number(v: &str) -> bool {
    v.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() > MAX_DIGITS)
}

/// Dot-separated tokens of `[0-9a-z_]`: on these rer's version order is rez's.
fn is_order_safe(v: &str) -> bool {
    v.split('.').all(|t| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase() || b == b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["a", "A_b", "_", "0", "a.b", "a.b_c.d9", "__init__"] {
            assert!(is_valid_package_name(ok), "{ok}");
        }
        for bad in [
            "",
            ".a",
            "a.",
            "a..b",
            "a-b",
            "a b",
            "é",
            "__pycache__",
            "a/b",
        ] {
            assert!(!is_valid_package_name(bad), "{bad}");
        }
    }

    #[test]
    fn canonical_requirements_are_accepted() {
        for ok in [
            "foo>1", // rer misreads `>`; its rer form is rendered as rez renders it
            "foo>1<2",
            "foo>1.0<=2",
            "~foo>3.0.0",
            "!foo>1",
            "foo",
            "foo-1",
            "foo-1.2.3",
            "foo-1.2+",
            "foo-1.2+<2",
            "foo<2",
            "foo<=2",
            "foo==1.0",
            "foo-1..2",
            "!foo",
            "!foo-1",
            "~foo-1+<2",
            "~foo",
            "~foo-CentOS-7",
            "foo@1",
            "foo#1",
            "latitude-0+<6.0.0|6.0.0.1+<6.0.1|6.0.1.1+<6.0.2|6.0.2.1+<7",
            "aftershave-Ubuntu-12.04",
            "a.b-1",
        ] {
            assert_eq!(check_requirement(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn non_canonical_or_risky_requirements_are_refused() {
        for bad in [
            "",
            "foo-",
            "foo==",
            "a==",
            "foo-2|1",   // rez sorts the bounds
            "foo-1|1.5", // rez merges overlapping bounds
            "foo-1+<2|1.5",
            "foo-1.0+,<2",
            "foo<=2,1+",
            "foo->1",
            "foo-1+<1", // empty range: rez raises
            "foo-2+<1",
            "foo-b+<A", // rer and rez order case differently
            "foo-a|B",
            "foo-1-0+<1.0", // rer orders by separator, rez does not
            "~foo-A+<b",
            "~foo-1.0-1|2",
            "foo-1+<1234567890123456789",
            "foo-1234567890123456789",
            ".foo-1", // ephemeral
            "foo.-1",
            "foo bar",
            "foo -1",
            " foo",
            "foo-1\n",
            "foo-1,2",
            "foo-é",
            "foo-1!",
            "!!foo",
            "!~foo",
            "foo-1..",
            "foo-..2",
        ] {
            assert!(check_requirement(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn parse_requirement_does_not_panic() {
        assert!(parse_requirement("a==").is_none());
        assert!(parse_requirement("foo-1+<").is_none());
        assert_eq!(
            parse_requirement("foo-1+<2").unwrap().to_string(),
            "foo-1+<2"
        );
    }

    #[test]
    fn versions() {
        for ok in ["1", "1.2.3", "01", "1-beta", "Ubuntu-12.04", "_", "2020_01"] {
            assert_eq!(check_version(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "1.",
            ".1",
            "1..2",
            "1+2",
            "1 2",
            "v1/2",
            "1234567890123456789",
        ] {
            assert!(check_version(bad).is_err(), "{bad:?}");
        }
    }
}
