//! Static reader of rez `package.py` files: a package's solver data without
//! running the file, only where that provably equals rez 3.4.0's own load.
//!
//! [`read_package_py`] returns `requires` and `variants` of
//! `ROOT/<family>/<version>/package.py` where rez's load of that file (which
//! `exec`s it, `rez.serialise.load_py`) succeeds, passes rez's package schema,
//! names the package `family` at `version`, and gives the same values, string
//! for string. Anything else is [`NotStatic`], with the reason and where: the
//! caller has rez load the file. A wrong `Ok` would change a resolve; a
//! needless `Err` only costs a load, so every rule errs towards `Err`.
//!
//! # Layout: one module per stage
//!
//! - `source`: bytes to text as CPython reads a source file (BOM, coding
//!   declaration, UTF-8, CRLF and CR);
//! - `parse`: ruff's parser for the running Python version, syntax errors and
//!   version-unsupported syntax kept apart, CPython's nesting and tokenizer limits;
//! - `classify`: each top-level statement as a binding, a function (code
//!   attribute, `preprocess` or dropped), a config scope or a discarded literal,
//!   or refused with its reason (a statement visitor);
//! - `compile`: CPython's compile-time checks on the function bodies rez
//!   compiles but never runs at load;
//! - `literal`: the values of the bindings, as Python evaluates them;
//! - `schema`: rez's package schema, one checker per key in one table;
//! - `identity`: name and version against the directories;
//! - `requirement` (and `rer_form`): requirement strings rez renders back
//!   unchanged, and the forms rer reads as rez means them;
//! - `error`: [`NotStatic`], the typed refusal (reason, stage, source range).
//!
//! What the file is then is rez's `_load_py` result: the module's globals after
//! it ran, without the names rez injects, functions other than code attributes
//! and `preprocess`, and names starting with `__`, with each `with scope(...)`
//! block merged in as a dict.

mod classify;
mod compile;
mod error;
mod identity;
mod literal;
mod parse;
pub mod quiet;
mod requirement;
mod rer_form;
mod schema;
mod source;

use classify::{Kept, Statement};
use literal::Value;
use schema::Bound;

pub use error::{NotStatic, Reason, Span, Stage};
pub use requirement::{check_requirement, check_version, is_valid_package_name, parse_requirement};
pub use rer_form::{is_rez_version, rer_requirement, rez_spelling, RequirementError};

/// The solver data of one package, as rez would render it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaticPackage {
    pub requires: Vec<String>,
    pub variants: Vec<Vec<String>>,
}

/// The Python version whose grammar a file is read with: the interpreter's that
/// rez runs in, as rez's `exec` of the file uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PythonVersion {
    pub major: u8,
    pub minor: u8,
}

impl From<PythonVersion> for ruff_python_ast::PythonVersion {
    fn from(v: PythonVersion) -> Self {
        ruff_python_ast::PythonVersion {
            major: v.major,
            minor: v.minor,
        }
    }
}

/// Reads `source`, the bytes of `ROOT/<family>/<version>/package.py`. A file
/// that sets no `timestamp` is [`Reason::OldFormatData`]: see [`read_in_repository`].
pub fn read_package_py(
    source: &[u8],
    family: &str,
    version: &str,
    python: PythonVersion,
) -> Result<StaticPackage, NotStatic> {
    read_at(source, family, version, python, || true)
}

/// Reads `source`, the bytes of the package file `ROOT/<family>/<version>/package.py`,
/// and a file that sets no `timestamp` too where rez merges nothing into it:
/// where neither `release.yaml` nor `.metadata/` is beside it
/// (`old_format_beside`, asked only then).
pub fn read_in_repository(
    source: &[u8],
    family: &str,
    version: &str,
    python: PythonVersion,
    old_format_beside: impl FnOnce() -> bool,
) -> Result<StaticPackage, NotStatic> {
    read_at(source, family, version, python, old_format_beside)
}

/// Whether rez's filesystem repository may merge old-format release data into
/// the package file `path` that sets no `timestamp`: a `release.yaml` beside it,
/// else a `.metadata` directory (`FileSystemPackageResource._load_old_formats`).
/// rez asks `isfile`/`isdir`, which follow links and say no on any error; an
/// error other than "not found" counts as yes here, leaving the file to rez.
pub fn old_format_beside(path: &std::path::Path) -> bool {
    let Some(dir) = path.parent() else {
        return true;
    };
    ["release.yaml", ".metadata"]
        .iter()
        .any(|name| match std::fs::metadata(dir.join(name)) {
            Err(err) => err.kind() != std::io::ErrorKind::NotFound,
            Ok(_) => true,
        })
}

/// Reads `source` as rez would load it from `ROOT/<family>/<version>/package.py`
/// with no other file beside it (so `timestamp` may be absent).
pub fn read_package_source(
    source: &[u8],
    family: &str,
    version: &str,
    python: PythonVersion,
) -> Result<StaticPackage, NotStatic> {
    read_at(source, family, version, python, || false)
}

/// The solver data of `ROOT/<family>/<version>/package.py`, parsed once;
/// `merged_beside`, asked only of a file that sets no `timestamp`: whether rez
/// may merge other files beside it into its data (then it is not the file alone).
fn read_at(
    source: &[u8],
    family: &str,
    version: &str,
    python: PythonVersion,
    merged_beside: impl FnOnce() -> bool,
) -> Result<StaticPackage, NotStatic> {
    run(source, python, |globals| {
        identity::check(
            get(globals, "name"),
            get(globals, "version"),
            family,
            version,
        )?;
        if get(globals, "timestamp").is_none() && merged_beside() {
            return Err(NotStatic::new(
                Reason::OldFormatData,
                "no timestamp: rez merges release.yaml or .metadata/ beside the file, if any",
            ));
        }
        solver_data(globals)
    })
}

/// Reads `source` as rez would load it from the directories its own `name` and
/// `version` name, with no other file beside it: `(name, version, data)`.
pub fn read_standalone(
    source: &[u8],
    python: PythonVersion,
) -> Result<(String, String, StaticPackage), NotStatic> {
    run(source, python, |globals| {
        let (name, version) = identity::from_file(get(globals, "name"), get(globals, "version"))?;
        Ok((name.to_owned(), version.to_owned(), solver_data(globals)?))
    })
}

/// The file's top-level names and what they are bound to, in first-binding order.
type Globals<'a> = Vec<(&'a str, Bound<'a>)>;

fn get<'g, 'a>(globals: &'g Globals<'a>, key: &str) -> Option<&'g Bound<'a>> {
    globals.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}

fn set<'a>(globals: &mut Globals<'a>, key: &'a str, bound: Bound<'a>) {
    match globals.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = bound,
        None => globals.push((key, bound)),
    }
}

/// `then` of rez's load of the file: its data after `_load_py` and
/// `process_python_objects`, each key checked by rez's schema (the values borrow
/// the syntax tree, which lives for this call).
fn run<T>(
    source: &[u8],
    python: PythonVersion,
    then: impl FnOnce(&Globals<'_>) -> Result<T, NotStatic>,
) -> Result<T, NotStatic> {
    let source = source::decode(source)?;
    let text = source.text;
    let parsed = parse::parse(&text, python.into())?;
    let statements = classify::classify(parsed.syntax())?;
    let mut globals: Globals = Vec::new();
    let mut scopes: Globals = Vec::new();
    let mut scope_paths: Vec<(&str, &[&str])> = Vec::new();
    for statement in &statements {
        match statement {
            Statement::Binding { names, value } => {
                let value = literal::evaluate(value, &text)?;
                for name in names {
                    set(&mut globals, name, Bound::Value(value.clone()));
                }
            }
            Statement::Function { name, kept } => {
                if *kept == Kept::Code && source.lone_cr {
                    return Err(NotStatic::new(
                        Reason::Encoding,
                        "a code attribute in a file with CR line ends (rez cannot get its source)",
                    ));
                }
                let bound = match kept {
                    Kept::Code => Some(Bound::Code),
                    Kept::Function => Some(Bound::Function),
                    Kept::Dropped => None,
                };
                match bound {
                    Some(bound) => set(&mut globals, name, bound),
                    None => globals.retain(|(k, _)| k != name),
                }
            }
            Statement::Scope { name, attributes } => {
                let mut dict = match get(&scopes, name) {
                    Some(Bound::Value(Value::Dict(dict))) => dict.clone(),
                    _ => Vec::new(),
                };
                // Blocks of one scope name share rez's scope object: a path set
                // in one and a parent or child of it set in another fails as in one.
                let earlier: Vec<&[&str]> = scope_paths
                    .iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, p)| *p)
                    .collect();
                for (path, _) in attributes {
                    let conflict = earlier.iter().any(|other| {
                        other.len() != path.len()
                            && (other.starts_with(path) || path.starts_with(other))
                    });
                    if conflict {
                        return Err(NotStatic::new(
                            Reason::Scope,
                            "a scope attribute set both as a value and as a parent",
                        ));
                    }
                }
                scope_paths.extend(attributes.iter().map(|(p, _)| (*name, p.as_slice())));
                for (path, value) in attributes {
                    insert(&mut dict, path, literal::evaluate(value, &text)?);
                }
                set(&mut scopes, name, Bound::Value(Value::Dict(dict)));
            }
            Statement::Discarded(Some(expr)) => {
                literal::evaluate(expr, &text)?;
            }
            Statement::Discarded(None) | Statement::Rebound => {}
            Statement::LintHelper { names } => {
                for name in names {
                    set(&mut globals, name, Bound::Value(Value::None));
                }
            }
            // rez drops modules from the data
            Statement::Module { name } => globals.retain(|(k, _)| k != name),
        }
    }
    globals.retain(|(k, _)| !k.starts_with("__") && !classify::INJECTED.contains(k));
    for (name, dict) in scopes {
        set(&mut globals, name, dict);
    }
    for (key, bound) in &globals {
        schema::check(key, bound)?;
    }
    then(&globals)
}

/// Sets `path` (`a.b.c`) in nested dicts, as rez's scope attributes nest.
fn insert<'a>(dict: &mut Vec<(&'a str, Value<'a>)>, path: &[&'a str], value: Value<'a>) {
    let (first, rest) = path.split_first().expect("a scope attribute has a name");
    let slot = match dict.iter().position(|(k, _)| k == first) {
        Some(i) => i,
        None => {
            dict.push((first, Value::Dict(Vec::new())));
            dict.len() - 1
        }
    };
    if rest.is_empty() {
        dict[slot].1 = value;
    } else {
        if !matches!(dict[slot].1, Value::Dict(_)) {
            dict[slot].1 = Value::Dict(Vec::new());
        }
        let Value::Dict(child) = &mut dict[slot].1 else {
            unreachable!("made a dict above")
        };
        insert(child, rest, value);
    }
}

fn solver_data(globals: &Globals<'_>) -> Result<StaticPackage, NotStatic> {
    let strings = |bound: &Bound| -> Result<Vec<String>, NotStatic> {
        let items = schema::list(bound)?;
        Ok(schema::str_items(items)?
            .into_iter()
            .map(str::to_owned)
            .collect())
    };
    let requires = get(globals, "requires").map(strings).transpose()?;
    let variants = match get(globals, "variants") {
        Some(bound) => schema::list(bound)?
            .iter()
            .map(|variant| match variant {
                Value::List(items) => Ok(schema::str_items(items)?
                    .into_iter()
                    .map(str::to_owned)
                    .collect()),
                _ => Err(NotStatic::new(
                    Reason::Schema,
                    "variants: not a list of lists",
                )),
            })
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(StaticPackage {
        requires: requires.unwrap_or_default(),
        variants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PY: PythonVersion = PythonVersion {
        major: 3,
        minor: 11,
    };

    const BENCH: &str = "# -*- coding: utf-8 -*-\n\nname = 'cope'\n\nversion = '3.79.3'\n\n\
        requires = ['bonus-18.2.0+<19']\n\nvariants = [\n    ['wave-2.7', 'cartload-1.1.6'],\n    \
        ['wave-3.6']\n]\n\ntimestamp = 1600129484\n\nformat_version = 2\n";

    /// As rez's `dump_package_data` writes a released package.
    const RELEASED: &str = r#"# -*- coding: utf-8 -*-

name = 'cope'

version = '3.79.3'

description = \
    """
    A tool with a \"quoted\" word, a back\\slash,	a tab and café.
    """

authors = ['Jane Doe']

requires = ['bonus-18.2.0+<19', '~wave-2+']

variants = [
    ['wave-2.7', 'cartload-1.1.6'],
    ['wave-3.6']
]

def commands():
    env.PATH.append('{root}/bin')
    if building:
        env.COPE_ROOT = '{root}'

uuid = 'e2a4e1d0-5b1c-4f7e-9d3a-0c1b2a3d4e5f'

timestamp = 1600129484

revision = \
    {'branch': 'main',
     'commit': 'abc123',
     'fetch_url': 'git@host:cope.git',
     'push_url': 'git@host:cope.git',
     'tracking_branch': 'origin/main'}

release_message = ('A long release message that pprint wraps over lines '
 'as implicit concatenation')

hashed_variants = True

with scope('config') as config:
    config.release_packages_path = '/releases'
    config.plugins.release_hook.emailer.recipients = ['a@b']

format_version = 2
"#;

    fn expected() -> StaticPackage {
        StaticPackage {
            requires: vec!["bonus-18.2.0+<19".into()],
            variants: vec![
                vec!["wave-2.7".into(), "cartload-1.1.6".into()],
                vec!["wave-3.6".into()],
            ],
        }
    }

    #[test]
    fn reads_a_benchmark_file() {
        assert_eq!(
            read_package_py(BENCH.as_bytes(), "cope", "3.79.3", PY),
            Ok(expected())
        );
    }

    #[test]
    fn reads_a_released_file() {
        let mut want = expected();
        want.requires.push("~wave-2+".into());
        assert_eq!(
            read_package_py(RELEASED.as_bytes(), "cope", "3.79.3", PY),
            Ok(want.clone())
        );
        let crlf = RELEASED.replace('\n', "\r\n");
        assert_eq!(
            read_package_py(crlf.as_bytes(), "cope", "3.79.3", PY),
            Ok(want)
        );
    }

    #[test]
    fn python_semantics_of_the_module() {
        let head = "name = 'a'\nversion = '1'\ntimestamp = 1\n";
        let read = |tail: &str| read_package_py(format!("{head}{tail}").as_bytes(), "a", "1", PY);
        // the last binding wins; a dropped function unbinds its name
        assert_eq!(
            read("requires = ['b']\nrequires = ['c']\n")
                .unwrap()
                .requires,
            vec!["c"]
        );
        assert_eq!(read("requires = x = ['b']\n").unwrap().requires, vec!["b"]);
        assert_eq!(
            read("requires = ['b\\x2d1']\n").unwrap().requires,
            vec!["b-1"]
        );
        assert_eq!(read("x = 1\ndef x():\n    pass\n").map(|_| ()), Ok(()));
        // a scope's dict replaces a plain binding of its name, in any order
        assert_eq!(
            read("with scope('tools') as t:\n    t.x = 1\n").map_err(|e| e.kind()),
            Err(Reason::Schema)
        );
        assert_eq!(
            read("with scope('config') as c:\n    c.x = 1\nconfig = 'x'\n").map(|_| ()),
            Ok(())
        );
        // a repeated key keeps its last value, as a dict display does
        assert!(read("revision = {'a': 1, 'a': 2}\n").is_ok());
        assert_eq!(
            read("requires = [x]\n").map_err(|e| e.kind()),
            Err(Reason::Expression)
        );
        assert_eq!(
            read("print('x')\n").map_err(|e| e.kind()),
            Err(Reason::Expression)
        );
        assert_eq!(read("__doc__ = 1\n_private = [1]\n").map(|_| ()), Ok(()));
    }

    #[test]
    fn identity_timestamp_and_place() {
        let src = b"name = 'a'\nversion = '1.0'\n";
        assert_eq!(
            read_package_py(src, "a", "1.0", PY).map_err(|e| e.kind()),
            Err(Reason::OldFormatData)
        );
        assert!(read_package_source(src, "a", "1.0", PY).is_ok());
        assert!(read_in_repository(src, "a", "1.0", PY, || false).is_ok());
        assert!(read_in_repository(src, "a", "1.0", PY, || true).is_err());
        // rez names the package by its directories, whatever the file says
        assert!(read_package_source(src, "b", "2.0", PY).is_ok());
        assert!(read_package_source(b"requires = []\n", "b", "2.0", PY).is_ok());
        for (family, version) in [("b-c", "1.0"), ("a", "1..0"), ("a", "1+2")] {
            assert_eq!(
                read_package_source(src, family, version, PY).map_err(|e| e.kind()),
                Err(Reason::Identity),
                "{family} {version}"
            );
        }
        assert_eq!(
            read_package_source(b"name = 1\n", "a", "1.0", PY).map_err(|e| e.kind()),
            Err(Reason::Schema)
        );
        assert_eq!(
            read_standalone(src, PY).map(|(n, v, _)| (n, v)),
            Ok(("a".into(), "1.0".into()))
        );
        assert_eq!(
            read_standalone(b"name = 'a'\n", PY).map_err(|e| e.kind()),
            Err(Reason::Schema)
        );
    }
}
