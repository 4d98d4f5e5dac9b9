//! Allowlist of top-level keys, each checked as rez's package schema checks it.

use crate::literal::Value;
use crate::request::{check_requirement, check_version, is_valid_package_name};
use crate::{NotStatic, StaticPackage};

/// rez's current package format version (`rezplugins/package_repository/filesystem.py`):
/// a higher one only makes rez print a warning, still refused to keep stderr quiet.
const FORMAT_VERSION: u64 = 2;

/// Longest accepted int: Python ints are unbounded, the checks here use `u64`.
const MAX_INT_DIGITS: usize = 18;

fn schema(what: impl Into<String>) -> NotStatic {
    NotStatic::Schema(what.into())
}

/// The package data of the assignments `statements` of
/// `ROOT/<family>/<version>/package.py`.
///
/// Only keys of the allowlist are accepted: every other key may be one rez
/// injects or treats specially (`scope`, `early`, `late`, `include`,
/// `ModifyList`, `InvalidPackageError`, `_`-prefixed names, `config`,
/// commands), or one whose schema this reader does not check. `name`,
/// `version` are required, and `timestamp` where the file is in a repository:
/// without it rez also reads `release.yaml` / `.metadata` next to the file,
/// which may change the data ([`NotStatic::NoTimestamp`]: the caller decides).
pub(crate) fn package(
    statements: &[(&str, Value<'_>)],
    family: &str,
    version: &str,
    place: Place,
) -> Result<StaticPackage, NotStatic> {
    let mut seen: Vec<&str> = Vec::new();
    let mut package = StaticPackage::default();
    for (key, value) in statements {
        // Python keeps the last assignment; a repeated key is refused instead.
        if seen.contains(key) {
            return Err(schema(format!("{key:?} assigned twice")));
        }
        seen.push(key);
        match *key {
            "name" => {
                let name = string(key, value)?;
                if name != family {
                    return Err(NotStatic::Identity(format!(
                        "name {name:?} in directory {family:?}"
                    )));
                }
                if !is_valid_package_name(family) {
                    return Err(NotStatic::Identity(format!("family name {family:?}")));
                }
            }
            "version" => {
                let file_version = string(key, value)?;
                if file_version != version {
                    return Err(NotStatic::Identity(format!(
                        "version {file_version:?} in directory {version:?}"
                    )));
                }
                check_version(version)?;
            }
            "requires" => package.requires = requirements(key, value)?,
            "build_requires" | "private_build_requires" => {
                requirements(key, value)?;
            }
            "variants" => {
                package.variants = list(key, value)?
                    .iter()
                    .map(|variant| requirements(key, variant))
                    .collect::<Result<_, _>>()?;
                // rez loads `[[]]` but then fails to make the variant's subpath.
                if package.variants.iter().any(Vec::is_empty) {
                    return Err(schema("empty variant"));
                }
            }
            "timestamp" => {
                int(key, value)?;
            }
            "format_version" => {
                if int(key, value)? > FORMAT_VERSION {
                    return Err(schema("format_version newer than rez's"));
                }
            }
            "description" | "uuid" => {
                string(key, value)?;
            }
            "authors" | "tools" => {
                strings(key, value)?;
            }
            _ => return Err(schema(format!("key {key:?} not in the allowlist"))),
        }
    }
    for required in ["name", "version"] {
        if !seen.contains(&required) {
            return Err(schema(format!("no {required:?}")));
        }
    }
    if place == Place::Repository && !seen.contains(&"timestamp") {
        return Err(NotStatic::NoTimestamp);
    }
    Ok(package)
}

/// Where the file being read is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// `ROOT/<family>/<version>/package.py`, other files maybe beside it.
    Repository,
    /// A source on its own: nothing beside it that rez would also read.
    Alone,
}

fn string<'a>(key: &str, value: &Value<'a>) -> Result<&'a str, NotStatic> {
    match value {
        Value::Str(s) => Ok(s),
        _ => Err(schema(format!("{key:?} is not a str"))),
    }
}

fn int(key: &str, value: &Value<'_>) -> Result<u64, NotStatic> {
    match value {
        Value::Int(digits) if digits.len() <= MAX_INT_DIGITS => Ok(digits
            .parse()
            .expect("at most 18 decimal digits fit in u64")),
        _ => Err(schema(format!("{key:?} is not a small int"))),
    }
}

fn list<'v, 'a>(key: &str, value: &'v Value<'a>) -> Result<&'v [Value<'a>], NotStatic> {
    match value {
        Value::List(items) => Ok(items),
        _ => Err(schema(format!("{key:?} is not a list"))),
    }
}

fn strings<'a>(key: &str, value: &Value<'a>) -> Result<Vec<&'a str>, NotStatic> {
    list(key, value)?
        .iter()
        .map(|item| string(key, item))
        .collect()
}

/// A list of requirement strings, each one rez renders back unchanged.
fn requirements(key: &str, value: &Value<'_>) -> Result<Vec<String>, NotStatic> {
    strings(key, value)?
        .into_iter()
        .map(|s| check_requirement(s).map(|()| s.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::tokenize;
    use crate::literal::parse_module;

    fn read(src: &str, family: &str, version: &str) -> Result<StaticPackage, NotStatic> {
        package(
            &parse_module(&tokenize(src)?)?,
            family,
            version,
            Place::Repository,
        )
    }

    const HEAD: &str = "name = 'foo'\nversion = '1.0'\ntimestamp = 1\n";

    #[test]
    fn extra_keys_of_the_allowlist() {
        let src = format!(
            "{HEAD}format_version = 2\ndescription = 'd'\nuuid = 'u'\nauthors = ['a']\n\
             tools = []\nbuild_requires = ['b-1']\nprivate_build_requires = []\n\
             requires = ['c-2+']\nvariants = [['p-1'], ['q']]\n"
        );
        assert_eq!(
            read(&src, "foo", "1.0"),
            Ok(StaticPackage {
                requires: vec!["c-2+".into()],
                variants: vec![vec!["p-1".into()], vec!["q".into()]],
            })
        );
    }

    #[test]
    fn timestamp_is_required_only_in_a_repository() {
        let src = "name = 'foo'\nversion = '1.0'\n";
        let statements = parse_module(&tokenize(src).unwrap()).unwrap();
        assert!(package(&statements, "foo", "1.0", Place::Alone).is_ok());
        assert_eq!(
            package(&statements, "foo", "1.0", Place::Repository),
            Err(NotStatic::NoTimestamp)
        );
    }

    #[test]
    fn identity_and_required_keys() {
        assert!(read(HEAD, "foo", "1.0").is_ok());
        assert!(matches!(
            read(HEAD, "bar", "1.0"),
            Err(NotStatic::Identity(_))
        ));
        assert!(matches!(
            read(HEAD, "foo", "1.00"),
            Err(NotStatic::Identity(_))
        ));
        for missing in ["name", "version"] {
            let src: String = HEAD
                .lines()
                .filter(|l| !l.starts_with(missing))
                .map(|l| format!("{l}\n"))
                .collect();
            assert!(
                matches!(read(&src, "foo", "1.0"), Err(NotStatic::Schema(_))),
                "{missing}"
            );
        }
    }

    #[test]
    fn wrong_types_duplicates_and_other_keys() {
        for extra in [
            "requires = 'bar'\n",
            "requires = [1]\n",
            "requires = [['bar']]\n",
            "variants = ['bar']\n",
            "variants = 'bar'\n",
            "variants = [[1]]\n",
            "variants = [[]]\n",
            "variants = [['a'], []]\n",
            "timestamp = 2\n",
            "name = 'foo'\n",
            "format_version = 3\n",
            "format_version = '2'\n",
            "description = ['d']\n",
            "authors = 'a'\n",
            "tools = [1]\n",
            "uuid = 1\n",
            "commands = 'x'\n",
            "scope = 1\n",
            "early = 1\n",
            "late = 1\n",
            "include = []\n",
            "ModifyList = 1\n",
            "InvalidPackageError = 1\n",
            "_private = 1\n",
            "__name__ = 'x'\n",
            "config = 1\n",
            "hashed_variants = 1\n",
            "build_requires = ['b==']\n",
        ] {
            let src = format!("{HEAD}{extra}");
            assert!(read(&src, "foo", "1.0").is_err(), "{extra:?}");
        }
        let src = format!("{HEAD}requires = ['a-1']\nrequires = ['a-2']\n");
        assert!(matches!(
            read(&src, "foo", "1.0"),
            Err(NotStatic::Schema(_))
        ));
        let big = format!(
            "name = 'foo'\nversion = '1.0'\ntimestamp = {}\n",
            "9".repeat(19)
        );
        assert!(read(&big, "foo", "1.0").is_err());
    }

    #[test]
    fn requirement_strings_are_checked() {
        let src = format!("{HEAD}requires = ['bar-2|1']\n");
        assert!(matches!(
            read(&src, "foo", "1.0"),
            Err(NotStatic::Requirement(_))
        ));
        let src = format!("{HEAD}variants = [['bar-1'], ['baz==']]\n");
        assert!(matches!(
            read(&src, "foo", "1.0"),
            Err(NotStatic::Requirement(_))
        ));
    }
}
