//! Requirement strings as rez means them, rewritten into the forms rer reads the same way.
//!
//! rer-version 1.0.0-rc.3 parses rez's range grammar with two misreadings: an
//! exclusive lower bound is read as inclusive (`foo>1` as `foo-1+`, also in
//! `>1<2` and in descending ranges such as `<2,>1`), and the inclusive upper
//! bound of an ascending two-sided range as exclusive (`foo-1+<=2` as
//! `foo-1+<2`). It also panics on forms rez accepts (`foo>`, `foo==`). So every
//! requirement string bound for rer's solver is parsed here with rez's grammar
//! (`rez.version.VersionRange`: the alternatives of its range regex, tried in
//! its order, with rez's bound actions and `Invalid bound` checks) and emitted
//! bound by bound in forms rer reads exactly: `V`, `==V`, `L+`, `<U`, `<=U`,
//! `L+<U` and `L..U`.
//!
//! Two facts make that exact on rer's domain of versions:
//!
//! * rer has no empty version (rez's unversioned packages are out of its
//!   reach), so a lower bound at the empty version is no bound, and a bound
//!   that holds only the empty version holds nothing rer can see;
//! * an exclusive lower bound `>X` is the inclusive bound `X-_`: in rer's
//!   order `_` is the least token and `-` the least separator, so no version
//!   lies between `X` and `X-_`.
//!
//! Strings that need no rewrite come back borrowed. The Python differential
//! (`tests/test_rer_form.py`) checks membership against rez's `VersionRange`.

use std::borrow::Cow;
use std::cmp::Ordering;

use std::ops::Bound;

use rer_version::{RerVersion, VersionRange};

use crate::quiet::quietly;
use crate::requirement::is_valid_package_name;

/// Appended to `X`, the least version above it in rer's order: `_` is rer's
/// least token and `-` its least separator.
const SUCCESSOR: &str = "-_";

/// Why a requirement string cannot go to rer's solver: rez raises on it, or it
/// asks only for what rer cannot hold. The messages are rez's where rez raises.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequirementError {
    /// rez's `PackageRequestError` (requests and package requirements are
    /// `PackageRequest`s in rez, which check the name).
    #[error("PackageRequestError: Not a valid package name: {0:?}")]
    PackageName(String),
    /// rez's `VersionError` for a range (`.0`) whose part (`.1`) its grammar does not match.
    #[error(
        "VersionError: Syntax error in version range '{0}': Syntax error in version range '{1}'"
    )]
    Syntax(String, String),
    /// rez's `VersionError` for a bound whose lower end is above its upper end.
    #[error("VersionError: Invalid bound")]
    InvalidBound,
    /// rez's `VersionError` for an exclusive upper bound at the empty version.
    #[error("VersionError: Invalid upper bound: '<'")]
    InvalidUpperBound,
    /// A valid range that holds only the empty version (`foo==`, `foo<=`).
    #[error("{0:?} asks for the empty version (an unversioned package) only, which rer's solver cannot hold")]
    EmptyVersionOnly(String),
}

/// `s` as rer must be given it to read what rez reads (see the module docs).
/// The name is checked as rez's `PackageRequest` checks it, for requests and
/// package requirements alike (both are `PackageRequest`s in rez).
pub fn rer_requirement(s: &str) -> Result<Cow<'_, str>, RequirementError> {
    let (prefix, body) = match s.as_bytes().first() {
        Some(b'!' | b'~') => s.split_at(1),
        _ => ("", s),
    };
    let split = body.find(['-', '@', '#', '=', '<', '>']);
    let (name, range) = match split {
        Some(at) => {
            let rest = &body[at..];
            let range = rest.strip_prefix(['-', '@', '#']).unwrap_or(rest);
            (&body[..at], Some(range))
        }
        None => (body, None),
    };
    check_name(s, name)?;
    let Some(range) = range else {
        return Ok(Cow::Borrowed(s));
    };
    let parts = range
        .split('|')
        .map(|part| {
            parse_part(part)
                .ok_or_else(|| RequirementError::Syntax(range.to_string(), part.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut emitted = Vec::with_capacity(parts.len());
    // Every version is in the range; after an empty part rez checks only the syntax
    // of the rest (a part such as `>` holds every version too, but is checked).
    let mut any = false;
    let mut after_empty = false;
    for part in &parts {
        after_empty |= *part == Part::Any;
        if after_empty {
            any = true;
            continue;
        }
        match part.rer_form()? {
            Emit::Any => any = true,
            Emit::Nothing => {}
            Emit::Text(text) => emitted.push(text),
        }
    }
    let rer_range = if any {
        String::new()
    } else if emitted.is_empty() {
        return Err(RequirementError::EmptyVersionOnly(s.to_string()));
    } else {
        emitted.join("|")
    };
    let rewritten = if rer_range.is_empty() {
        format!("{prefix}{name}")
    } else {
        format!("{prefix}{name}-{rer_range}")
    };
    if range == rer_range {
        Ok(Cow::Borrowed(s))
    } else {
        Ok(Cow::Owned(rewritten))
    }
}

/// rez's `PackageRequest` name rule: an ephemeral (a string starting with `.`)
/// is checked without its dot; a `!`/`~` prefix is kept in the name checked.
fn check_name(s: &str, name: &str) -> Result<(), RequirementError> {
    let checked = match s.strip_prefix('.') {
        Some(_) => &name[1..],
        None => name,
    };
    if is_valid_package_name(checked) {
        Ok(())
    } else {
        Err(RequirementError::PackageName(checked.to_string()))
    }
}

/// A version at a bound: `None` is rez's empty version (the least of all).
type At<'a> = Option<&'a str>;

/// One `|`-part of a range: rez's `_Bound` (lower and upper ends, each with
/// its inclusiveness; `upper: None` is rez's infinity), or a plain version.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    /// The empty part: every version.
    Any,
    /// `V`: `V` and every version it prefixes; rer reads it as rez does.
    Version(&'a str),
    Bound {
        lower: (At<'a>, bool),
        upper: Option<(At<'a>, bool)>,
    },
}

enum Emit {
    Any,
    Nothing,
    Text(String),
}

impl Part<'_> {
    fn rer_form(&self) -> Result<Emit, RequirementError> {
        let (lower, upper) = match self {
            Part::Any => return Ok(Emit::Any),
            Part::Version(v) => return Ok(Emit::Text(v.to_string())),
            Part::Bound { lower, upper } => (*lower, *upper),
        };
        check_bound(lower, upper)?;
        let upper = match upper {
            None => None,
            // Only the empty version is at or below it (`<` it is refused above).
            Some((None, _)) => return Ok(Emit::Nothing),
            Some((Some(v), inclusive)) => Some((v, inclusive)),
        };
        let lower = match lower {
            (None, _) => None,
            (Some(v), true) => Some(v.to_string()),
            (Some(v), false) => Some(format!("{v}{SUCCESSOR}")),
        };
        Ok(match (lower, upper) {
            (None, None) => Emit::Any,
            (Some(l), None) => Emit::Text(format!("{l}+")),
            (None, Some((u, true))) => Emit::Text(format!("<={u}")),
            (None, Some((u, false))) => Emit::Text(format!("<{u}")),
            (Some(l), Some((u, true))) if l == u => Emit::Text(format!("=={l}")),
            (Some(l), Some((u, true))) => Emit::Text(format!("{l}..{u}")),
            (Some(l), Some((u, false))) => Emit::Text(format!("{l}+<{u}")),
        })
    }
}

/// rez's `_UpperBound` and `_Bound` checks: no exclusive upper bound at the
/// empty version; the lower end not above the upper end, and equal ends only
/// where both are inclusive.
fn check_bound(
    lower: (At<'_>, bool),
    upper: Option<(At<'_>, bool)>,
) -> Result<(), RequirementError> {
    let Some((upper_at, upper_inclusive)) = upper else {
        return Ok(());
    };
    if upper_at.is_none() && !upper_inclusive {
        return Err(RequirementError::InvalidUpperBound);
    }
    let order = compare(lower.0, upper_at).ok_or(RequirementError::InvalidBound)?;
    match order {
        Ordering::Greater => Err(RequirementError::InvalidBound),
        Ordering::Equal if !(lower.1 && upper_inclusive) => Err(RequirementError::InvalidBound),
        _ => Ok(()),
    }
}

/// rez's version order, the empty version first; `None` where rer cannot
/// parse a version (then it cannot solve with it either).
fn compare(a: At<'_>, b: At<'_>) -> Option<Ordering> {
    Some(match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => {
            let parse = |v: &str| quietly(|| RerVersion::try_from(v).ok()).flatten();
            parse(a)?.cmp(&parse(b)?)
        }
    })
}

/// `range` with every lower bound this module wrote as `X-_` (for rez's `>X`)
/// turned back into the exclusive bound `>X`, so that it renders as rez renders
/// it; None where there is none (a range computed by the solver from rewritten
/// requirements, such as a resolved ephemeral's, may hold one).
pub fn rez_spelling(range: &VersionRange) -> Option<VersionRange> {
    let successor_of = |v: &RerVersion| {
        let text = v.to_string();
        let bound = text.strip_suffix(SUCCESSOR)?;
        quietly(|| RerVersion::try_from(bound).ok()).flatten()
    };
    let mut changed = false;
    let segments: Vec<(Bound<RerVersion>, Bound<RerVersion>)> = range
        .as_ranges()
        .iter()
        .map(|(lower, upper)| {
            let lower = match lower {
                Bound::Included(v) => match successor_of(v) {
                    Some(bound) => {
                        changed = true;
                        Bound::Excluded(bound)
                    }
                    None => Bound::Included(v.clone()),
                },
                other => other.clone(),
            };
            (lower, upper.clone())
        })
        .collect();
    changed.then(|| VersionRange::from_ranges(segments.into_iter().collect()))
}

/// Whether rez's `Version` parses `s` (the empty string is the empty version).
pub fn is_rez_version(s: &str) -> bool {
    version_len(s) == s.len()
}

/// The version at the start of `s`: rez's `[0-9a-zA-Z_]+([.-][0-9a-zA-Z_]+)*`,
/// longest match (what follows a version in the grammar is never a token).
fn version_len(s: &str) -> usize {
    let b = s.as_bytes();
    let token = |i: usize| i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_');
    let mut i = 0;
    while token(i) {
        i += 1;
    }
    if i == 0 {
        return 0;
    }
    while i + 1 < b.len() && matches!(b[i], b'.' | b'-') && token(i + 1) {
        i += 1;
        while token(i) {
            i += 1;
        }
    }
    i
}

/// A cursor over one range part, for the grammar's alternatives.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, token: &str) -> bool {
        match self.rest.strip_prefix(token) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// A version, if one starts here.
    fn version(&mut self) -> At<'a> {
        let n = version_len(self.rest);
        let (v, rest) = self.rest.split_at(n);
        self.rest = rest;
        (n > 0).then_some(v)
    }

    /// `<` only where a version follows, else `<=`: rez's upper-bound prefix.
    /// Some(inclusive), or None if neither is here.
    fn upper_prefix(&mut self) -> Option<bool> {
        if self.rest.starts_with('<') && version_len(&self.rest[1..]) > 0 {
            self.rest = &self.rest[1..];
            Some(false)
        } else if self.eat("<=") {
            Some(true)
        } else {
            None
        }
    }

    fn done(&self) -> bool {
        self.rest.is_empty()
    }
}

/// One `|`-part by rez's grammar: its alternatives in rez's order, the first
/// that matches the whole part deciding (None: a syntax error).
fn parse_part(part: &str) -> Option<Part<'_>> {
    if part.is_empty() {
        return Some(Part::Any);
    }
    let start = Cursor { rest: part };
    [
        plain, exact, inclusive, lower_only, upper_only, ascending, descending,
    ]
    .iter()
    .find_map(|alternative| alternative(start))
}

fn finished<'a>(c: Cursor<'a>, part: Part<'a>) -> Option<Part<'a>> {
    c.done().then_some(part)
}

/// `1.0`
fn plain(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let v = c.version()?;
    finished(c, Part::Version(v))
}

/// `==1.0`, `==`
fn exact(mut c: Cursor<'_>) -> Option<Part<'_>> {
    if !c.eat("==") {
        return None;
    }
    let v = c.version();
    finished(
        c,
        Part::Bound {
            lower: (v, true),
            upper: Some((v, true)),
        },
    )
}

/// `1..2`, `..2`, `1..`, `..`: both ends inclusive, a missing end the empty version.
fn inclusive(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let lower = c.version();
    if !c.eat("..") {
        return None;
    }
    let upper = c.version();
    finished(
        c,
        Part::Bound {
            lower: (lower, true),
            upper: Some((upper, true)),
        },
    )
}

/// `>1`, `>=1`, `1+`, `>`, `>=`, `+`
fn lower_only(c: Cursor<'_>) -> Option<Part<'_>> {
    for (prefix, inclusive) in [(">", false), (">=", true)] {
        let mut p = c;
        if p.eat(prefix) {
            let v = p.version();
            if p.done() {
                return Some(Part::Bound {
                    lower: (v, inclusive),
                    upper: None,
                });
            }
        }
    }
    let mut p = c;
    let v = p.version();
    if p.eat("+") && p.done() {
        return Some(Part::Bound {
            lower: (v, true),
            upper: None,
        });
    }
    None
}

/// `<1`, `<=1`, `<=`
fn upper_only(mut c: Cursor<'_>) -> Option<Part<'_>> {
    let inclusive = c.upper_prefix()?;
    let v = c.version();
    finished(
        c,
        Part::Bound {
            lower: (None, true),
            upper: Some((v, inclusive)),
        },
    )
}

/// `1+<2`, `>1<=2`, `>=1,<2`, `<2` after an empty lower end...
fn ascending(c: Cursor<'_>) -> Option<Part<'_>> {
    for prefix in ["", ">", ">="] {
        let mut p = c;
        if !prefix.is_empty() && !p.eat(prefix) {
            continue;
        }
        let lower = p.version();
        let plus = prefix.is_empty() && p.eat("+");
        if lower.is_some() {
            p.eat(",");
        }
        let Some(upper_inclusive) = p.upper_prefix() else {
            continue;
        };
        let upper = p.version();
        if !p.done() {
            continue;
        }
        // rez sets a lower bound only where its group matched some text.
        let lower = if lower.is_some() || plus || !prefix.is_empty() {
            (lower, prefix != ">")
        } else {
            (None, true)
        };
        return Some(Part::Bound {
            lower,
            upper: Some((upper, upper_inclusive)),
        });
    }
    None
}

/// `<=2,>1`, `2+,>=1`, `<2,<1` (rez reads a `<` lower prefix as inclusive)...
fn descending(c: Cursor<'_>) -> Option<Part<'_>> {
    for prefix in ["", "<", "<="] {
        let mut p = c;
        if !prefix.is_empty() && !p.eat(prefix) {
            continue;
        }
        let upper = p.version();
        let plus = prefix.is_empty() && p.eat("+");
        if upper.is_some() && !p.eat(",") {
            continue;
        }
        let lower_inclusive = if p.rest.starts_with('<') && version_len(&p.rest[1..]) > 0 {
            p.eat("<");
            true
        } else if p.eat(">=") {
            true
        } else if p.eat(">") {
            false
        } else {
            continue;
        };
        let lower = p.version();
        if !p.done() {
            continue;
        }
        let upper = if upper.is_some() || plus || !prefix.is_empty() {
            Some((upper, prefix != "<"))
        } else {
            None
        };
        return Some(Part::Bound {
            lower: (lower, lower_inclusive),
            upper,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(s: &str) -> String {
        rer_requirement(s)
            .map(Cow::into_owned)
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn forms_rer_reads_as_rez_are_kept() {
        for s in [
            "foo", "foo-1", "foo-1.0", "foo==1", "foo-1+", "foo<2", "foo<=2", "foo-1+<2",
            "foo-1..2", "foo-1|3+", "!foo-1", "~foo-1+", ".eph-1", "~foo", "foo@1",
        ] {
            assert_eq!(form(s), s, "{s}");
        }
    }

    #[test]
    fn misread_bounds_are_rewritten() {
        assert_eq!(form("foo>1"), "foo-1-_+");
        assert_eq!(form("foo>1<2"), "foo-1-_+<2");
        assert_eq!(form("foo-1+<=2"), "foo-1..2");
        assert_eq!(form("foo>=1<=2"), "foo-1..2");
        assert_eq!(form("foo>1<=2"), "foo-1-_..2");
        assert_eq!(form("foo-<=2,>1"), "foo-1-_..2");
        assert_eq!(form("foo-<2,>=1"), "foo-1+<2");
        assert_eq!(form("~foo>1"), "~foo-1-_+");
        assert_eq!(form("foo>=1"), "foo-1+");
    }

    #[test]
    fn rewritten_ranges_are_spelled_back_as_rez_spells_them() {
        let spelled = |s: &str| rez_spelling(&VersionRange::parse(s)).map(|r| r.to_string());
        assert_eq!(spelled("2-_+<2_").as_deref(), Some(">2<2_"));
        assert_eq!(spelled("1-_+").as_deref(), Some(">1"));
        assert_eq!(spelled("1+<2"), None);
    }

    #[test]
    fn the_empty_version() {
        assert_eq!(form("foo>"), "foo");
        assert_eq!(form("foo>="), "foo");
        assert_eq!(form("foo-+"), "foo");
        assert_eq!(form("foo-1|=="), "foo-1");
        assert!(form("foo==").starts_with("error: \"foo==\" asks for the empty version"));
        assert!(form("foo<=").contains("empty version"));
        assert!(form("foo-..").contains("empty version"));
        assert_eq!(form("foo-..2"), "foo-<=2");
    }

    #[test]
    fn what_rez_raises_on() {
        assert_eq!(form("foo-3+<2"), "error: VersionError: Invalid bound");
        assert_eq!(form("foo>1<1"), "error: VersionError: Invalid bound");
        assert_eq!(form("foo-1.."), "error: VersionError: Invalid bound");
        assert_eq!(form("foo-1..0.5"), "error: VersionError: Invalid bound");
        assert!(form("foo<").ends_with("Syntax error in version range '<'"));
        assert!(
            form("foo-1|1.2.+").ends_with("range '1|1.2.+': Syntax error in version range '1.2.+'")
        );
        assert!(is_rez_version("1.0-beta_2") && is_rez_version(""));
        assert!(!is_rez_version("1..0") && !is_rez_version(".building") && !is_rez_version("1.0."));
        assert!(form("~").contains("Not a valid package name: \"\""));
        assert!(form("!").contains("PackageRequestError"));
        assert!(form("!.eph").contains("Not a valid package name: \".eph\""));
        assert_eq!(form(".eph-1"), ".eph-1");
        assert!(form("fo o").contains("PackageRequestError"));
    }
}
