//! rez's package schema (`package_pod_schema`, rez 3.4.0): one checker per key, in one table.
//!
//! A key the table does not name is allowed with any value, as rez's
//! `Optional(str): late_bound(object)` allows it. A value a checker rejects
//! would make rez's load (or its validation) fail, so the file goes to rez.

use crate::error::{NotStatic, Reason};
use crate::literal::Value;
use crate::requirement::check_requirement;
use crate::rer_form::is_rez_version;

/// rez's code attributes (`package_rex_keys`): a function of one of these names
/// is kept as its source.
pub(crate) const CODE_KEYS: &[&str] = &[
    "pre_commands",
    "commands",
    "post_commands",
    "pre_build_commands",
    "pre_test_commands",
];

/// rez's current package format version (`rezplugins/package_repository/filesystem.py`):
/// a newer one only makes rez print a warning, refused here to keep stderr quiet.
const FORMAT_VERSION: i128 = 2;

/// What a top-level name is bound to when the file has run.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Bound<'a> {
    Value(Value<'a>),
    /// A function rez keeps as source code (`SourceCode`).
    Code,
    /// A function rez keeps as a function (`preprocess`).
    Function,
}

type Check = fn(&Bound<'_>) -> Result<(), NotStatic>;

/// Every key rez's schema names, with its checker.
const KEYS: &[(&str, Check)] = &[
    ("name", string),
    ("base", string),
    ("version", string),
    ("description", string),
    ("authors", strings),
    ("requires", requirements),
    ("build_requires", requirements),
    ("private_build_requires", requirements),
    ("variants", variants),
    ("has_plugins", boolean),
    ("plugin_for", strings),
    ("uuid", string),
    ("config", dict),
    ("tools", strings),
    ("help", help),
    ("hashed_variants", boolean),
    ("relocatable", optional_bool),
    ("cachable", optional_bool),
    ("tests", tests),
    ("pre_commands", commands),
    ("commands", commands),
    ("post_commands", commands),
    ("pre_build_commands", commands),
    ("pre_test_commands", commands),
    ("timestamp", int),
    ("revision", anything),
    ("changelog", string),
    ("release_message", optional_str),
    ("previous_version", version),
    ("previous_revision", anything),
    ("vcs", string),
    // not in the schema, but read by the filesystem repository
    ("format_version", format_version),
];

/// Whether rez's schema names `key`.
pub(crate) fn is_key(key: &str) -> bool {
    KEYS.iter().any(|(name, _)| *name == key)
}

/// Checks `bound`, the value of `key`, as rez's schema checks it.
pub(crate) fn check(key: &str, bound: &Bound<'_>) -> Result<(), NotStatic> {
    match KEYS.iter().find(|(name, _)| *name == key) {
        Some((_, checker)) => checker(bound).map_err(|err| match err.kind() {
            Reason::Schema => NotStatic::new(Reason::Schema, format!("{key}: {}", err.detail())),
            _ => err,
        }),
        None => Ok(()),
    }
}

fn wrong(what: &str) -> NotStatic {
    NotStatic::new(Reason::Schema, format!("not {what}"))
}

fn value<'b, 'a>(bound: &'b Bound<'a>) -> Option<&'b Value<'a>> {
    match bound {
        Bound::Value(value) => Some(value),
        _ => None,
    }
}

/// The items of a list (rez's schema takes a list, not a tuple, for `[...]`).
pub(crate) fn list<'b, 'a>(bound: &'b Bound<'a>) -> Result<&'b [Value<'a>], NotStatic> {
    match value(bound) {
        Some(Value::List(items)) => Ok(items),
        _ => Err(wrong("a list")),
    }
}

pub(crate) fn str_items<'a>(items: &[Value<'a>]) -> Result<Vec<&'a str>, NotStatic> {
    items
        .iter()
        .map(|item| match item {
            Value::Str(s) => Ok(*s),
            _ => Err(wrong("a list of str")),
        })
        .collect()
}

fn string(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::Str(_)) => Ok(()),
        _ => Err(wrong("a str")),
    }
}

fn strings(bound: &Bound<'_>) -> Result<(), NotStatic> {
    str_items(list(bound)?).map(drop)
}

fn requirement_list(items: &[Value<'_>]) -> Result<(), NotStatic> {
    str_items(items)?
        .into_iter()
        .try_for_each(check_requirement)
}

fn requirements(bound: &Bound<'_>) -> Result<(), NotStatic> {
    requirement_list(list(bound)?)
}

fn variants(bound: &Bound<'_>) -> Result<(), NotStatic> {
    for variant in list(bound)? {
        let Value::List(items) = variant else {
            return Err(wrong("a list of lists"));
        };
        // rez loads `[[]]` but then fails to make the variant's subpath.
        if items.is_empty() {
            return Err(wrong("a non-empty variant"));
        }
        requirement_list(items)?;
    }
    Ok(())
}

/// `bool`; Python's `isinstance(True, int)` holds, but not the converse.
fn boolean(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::Bool(_)) => Ok(()),
        _ => Err(wrong("a bool")),
    }
}

fn optional_bool(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::None) => Ok(()),
        _ => boolean(bound),
    }
}

fn optional_str(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::None) => Ok(()),
        _ => string(bound),
    }
}

fn int(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::Int(_) | Value::Bool(_)) => Ok(()),
        _ => Err(wrong("an int")),
    }
}

fn dict(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::Dict(_)) => Ok(()),
        _ => Err(wrong("a dict")),
    }
}

fn anything(_: &Bound<'_>) -> Result<(), NotStatic> {
    Ok(())
}

/// `help`: a str, or a list of lists of str (`[[label, url], ...]`).
fn help(bound: &Bound<'_>) -> Result<(), NotStatic> {
    if string(bound).is_ok() {
        return Ok(());
    }
    for entry in list(bound)? {
        let Value::List(items) = entry else {
            return Err(wrong("a str or a list of lists of str"));
        };
        str_items(items)?;
    }
    Ok(())
}

/// The code attributes: kept source or a str. A list is rez-1's commands, which
/// rez 3.4.0 refuses by default (`error_old_commands`) and otherwise converts
/// with a warning: left to rez.
fn commands(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match bound {
        Bound::Code => Ok(()),
        _ => string(bound),
    }
}

/// `previous_version`: a str rez's `Version` parses.
fn version(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::Str(s)) if is_rez_version(s) => Ok(()),
        _ => Err(wrong("a version str")),
    }
}

fn format_version(bound: &Bound<'_>) -> Result<(), NotStatic> {
    match value(bound) {
        Some(Value::Int(v)) if *v <= FORMAT_VERSION => Ok(()),
        _ => Err(wrong("an int no newer than rez's format")),
    }
}

/// `tests`: `{name: command}` where a command is a str, a list of str, or a dict
/// of `command` (str or list of str) with optional `requires` (requirement
/// strings), `run_on` (str or list of str) and `on_variants` (bool). Forms the
/// schema also allows but this checker does not model go to rez.
fn tests(bound: &Bound<'_>) -> Result<(), NotStatic> {
    let Some(Value::Dict(tests)) = value(bound) else {
        return Err(wrong("a dict"));
    };
    let str_or_strs = |v: &Value| match v {
        Value::Str(_) => Ok(()),
        Value::List(items) => str_items(items).map(drop),
        _ => Err(wrong("a str or a list of str")),
    };
    for (_, test) in tests {
        let Value::Dict(fields) = test else {
            str_or_strs(test)?;
            continue;
        };
        if !fields.iter().any(|(k, _)| *k == "command") {
            return Err(wrong("a test with a command"));
        }
        for (field, v) in fields {
            match (*field, v) {
                ("command" | "run_on", _) => str_or_strs(v)?,
                ("requires", Value::List(items)) => requirement_list(items)?,
                ("on_variants", Value::Bool(_)) => {}
                _ => return Err(wrong("a test field the reader checks")),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(value: Value<'_>) -> Bound<'_> {
        Bound::Value(value)
    }

    fn s(text: &str) -> Value<'_> {
        Value::Str(text)
    }

    fn l(items: Vec<Value<'_>>) -> Value<'_> {
        Value::List(items)
    }

    #[test]
    fn values_rez_accepts() {
        for (key, bound) in [
            ("requires", v(l(vec![s("a-1+<2")]))),
            ("variants", v(l(vec![l(vec![s("p-1")]), l(vec![s("q")])]))),
            ("timestamp", v(Value::Int(1))),
            ("timestamp", v(Value::Bool(true))),
            ("hashed_variants", v(Value::Bool(true))),
            ("relocatable", v(Value::None)),
            ("help", v(l(vec![l(vec![s("Home"), s("http://x")])]))),
            ("help", v(s("http://x"))),
            ("commands", Bound::Code),
            ("commands", v(s("env.X = 1"))),
            ("config", v(Value::Dict(vec![]))),
            ("revision", v(Value::Dict(vec![("commit", s("abc"))]))),
            ("previous_version", v(s("1.2.3"))),
            ("release_message", v(Value::None)),
            ("anything_else", v(Value::Float(1.5))),
            ("preprocess", Bound::Function),
            (
                "tests",
                v(Value::Dict(vec![
                    ("unit", s("pytest")),
                    (
                        "lint",
                        Value::Dict(vec![
                            ("command", l(vec![s("ruff")])),
                            ("requires", l(vec![s("ruff-0.1+")])),
                            ("run_on", s("explicit")),
                            ("on_variants", Value::Bool(false)),
                        ]),
                    ),
                ])),
            ),
        ] {
            assert_eq!(check(key, &bound), Ok(()), "{key}: {bound:?}");
        }
    }

    #[test]
    fn values_rez_rejects() {
        for (key, bound) in [
            ("requires", v(s("a"))),
            ("requires", v(Value::Tuple(vec![s("a")]))),
            ("requires", v(l(vec![Value::Int(1)]))),
            ("variants", v(l(vec![s("a")]))),
            ("variants", v(l(vec![l(vec![])]))),
            ("timestamp", v(s("1"))),
            ("timestamp", v(Value::Float(1.0))),
            ("hashed_variants", v(Value::Int(1))),
            ("description", v(l(vec![]))),
            ("authors", v(s("a"))),
            ("config", v(s("a"))),
            ("commands", v(Value::Int(1))),
            ("commands", Bound::Function),
            ("commands", v(l(vec![s("export X=1")]))),
            ("post_commands", v(l(vec![]))),
            ("previous_version", v(s("1..2"))),
            ("format_version", v(Value::Int(3))),
            ("tests", v(Value::Dict(vec![("t", Value::Dict(vec![]))]))),
            ("name", Bound::Code),
        ] {
            assert!(check(key, &bound).is_err(), "{key}: {bound:?}");
        }
        assert_eq!(
            check("requires", &v(l(vec![s("a-2|1")]))).map_err(|e| e.kind()),
            Err(Reason::Requirement)
        );
    }
}
