//! Guarded static reader of rez `package.py` files.
//!
//! [`read_package_py`] returns a package's solver data (`requires`, `variants`)
//! only where it provably equals what rez 3.4.0's own load of that file in a
//! filesystem repository gives (`PackageData.from_rez`), string for string,
//! and rez's load succeeds with `pkg.name == family` and
//! `str(pkg.version) == version`. Anything else is [`NotStatic`]: the caller
//! must have rez load the file. A wrong `Ok` would change a resolve; a needless
//! `Err` only costs a load, so every rule errs towards `Err`.
//!
//! # Design: rer-package wrapped in a guard
//!
//! rer-package's `parse_static_package_py` (upstream's static reader) alone is
//! not enough: it leaves string escapes unevaluated, takes name and version
//! from the file, accepts values rez's schema rejects and skips `def`/`with`
//! blocks it cannot see into. This crate reads its own strict subset and then
//! cross-checks: where rer-package gives a result, it must agree with ours.
//!
//! # The subset
//!
//! * bytes: printable ASCII and `\n` or `\r\n` only (no BOM, lone CR, tab, non-ASCII), and on
//!   the first two lines no coding declaration but utf-8's (module `text`);
//! * statements: `NAME = literal` at column 0, comments, blank lines,
//!   bracketed multi-line lists and backslash continuations where Python joins
//!   lines; literals are plain `'…'`/`"…"` strings without backslashes, decimal
//!   ints, lists of those, nested at most twice (modules `lexer`, `literal`);
//! * keys: an allowlist checked as rez's schema checks them; `name`, `version`
//!   and `timestamp` required (without it, where no old-format release data is
//!   beside the file: [`read_in_repository`]), `name`/`version` equal to the directory's, no
//!   key twice (module `schema`);
//! * requirement strings: only ones rez renders back to themselves
//!   ([`check_requirement`]); the directory's version likewise
//!   ([`check_version`]).

mod lexer;
mod literal;
pub mod quiet;
mod request;
mod rer_form;
mod schema;

use schema::Place;
mod text;

pub use request::{check_requirement, check_version, is_valid_package_name, parse_requirement};
pub use rer_form::{is_rez_version, rer_requirement, rez_spelling, RequirementError};

/// The solver data of one package, as rez would render it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaticPackage {
    pub requires: Vec<String>,
    pub variants: Vec<Vec<String>>,
}

/// Why a file must be loaded by rez instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotStatic {
    /// The text is outside the literal subset (a byte, token or statement the
    /// reader does not model exactly as Python does).
    #[error("not in the static subset: {0}")]
    Unsupported(String),
    /// A key outside the allowlist, a key twice, a value of a type the schema
    /// rejects, or a required key missing.
    #[error("package schema: {0}")]
    Schema(String),
    /// The file's name or version differs from its directory's, or the
    /// directory's family or version is not one rez provably renders as is.
    #[error("identity: {0}")]
    Identity(String),
    /// A requirement string rez may reject or render differently.
    #[error("requirement {0}")]
    Requirement(String),
    /// rer-package's reading of the file disagrees with this reader's.
    #[error("rer-package disagrees: {0}")]
    Guard(String),
    /// The file sets no `timestamp`, and is otherwise read: rez then merges
    /// old-format release data from beside the file into it (a `release.yaml`,
    /// else a `.metadata/` directory). Where neither exists, the file alone is
    /// rez's load: [`read_package_source`] reads it.
    #[error("no timestamp: rez merges release.yaml or .metadata/ beside the file, if any")]
    NoTimestamp,
}

impl NotStatic {
    /// A stable key for the kind of refusal (`pyrer load --why` counts by it).
    pub fn reason(&self) -> &'static str {
        match self {
            NotStatic::Unsupported(_) => "outside-subset",
            NotStatic::Schema(_) => "schema",
            NotStatic::Identity(_) => "identity",
            NotStatic::Requirement(_) => "requirement",
            NotStatic::Guard(_) => "guard",
            NotStatic::NoTimestamp => "old-format-data",
        }
    }
}

/// Reads `source`, the bytes of `ROOT/<family>/<version>/package.py`.
pub fn read_package_py(
    source: &[u8],
    family: &str,
    version: &str,
) -> Result<StaticPackage, NotStatic> {
    read_at(source, family, version, Place::Repository)
}

/// Reads `source`, the bytes of the package file `path`
/// (`ROOT/<family>/<version>/package.py`), and a file that sets no `timestamp`
/// too where rez merges nothing into it: where neither `release.yaml` nor
/// `.metadata/` is beside it (`old_format_beside`, asked only then).
pub fn read_in_repository(
    source: &[u8],
    family: &str,
    version: &str,
    old_format_beside: impl FnOnce() -> bool,
) -> Result<StaticPackage, NotStatic> {
    match read_package_py(source, family, version) {
        Err(NotStatic::NoTimestamp) if !old_format_beside() => {
            read_package_source(source, family, version)
        }
        other => other,
    }
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
) -> Result<StaticPackage, NotStatic> {
    read_at(source, family, version, Place::Alone)
}

fn read_at(
    source: &[u8],
    family: &str,
    version: &str,
    place: Place,
) -> Result<StaticPackage, NotStatic> {
    let text = text::ascii_source(source)?;
    let tokens = lexer::tokenize(&text)?;
    let statements = literal::parse_module(&tokens)?;
    let package = schema::package(&statements, family, version, place)?;
    guard(&text, &package, family, version)?;
    Ok(package)
}

/// Where rer-package reads the file (it declines continuation lines, which
/// this reader handles), its four fields must equal ours. It is not expected
/// to panic on the subset, but a panic is a disagreement, not a crash.
fn guard(text: &str, ours: &StaticPackage, family: &str, version: &str) -> Result<(), NotStatic> {
    let Some(read) = quiet::quietly(|| rer_package::parse_static_package_py(text)) else {
        return Err(NotStatic::Guard("rer-package panicked".into()));
    };
    let Some(theirs) = read else {
        return Ok(());
    };
    let field = if theirs.name != family {
        "name"
    } else if theirs.version != version {
        "version"
    } else if theirs.requires != ours.requires {
        "requires"
    } else if theirs.variants != ours.variants {
        "variants"
    } else {
        return Ok(());
    };
    Err(NotStatic::Guard(format!("{field} differs")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BENCH: &str = "# -*- coding: utf-8 -*-\n\nname = 'cope'\n\nversion = '3.79.3'\n\n\
        requires = ['bonus-18.2.0+<19']\n\nvariants = [\n    ['wave-2.7', 'cartload-1.1.6'],\n    \
        ['wave-3.6']\n]\n\ntimestamp = 1600129484\n\nformat_version = 2\n";

    #[test]
    fn reads_a_benchmark_file() {
        assert_eq!(
            read_package_py(BENCH.as_bytes(), "cope", "3.79.3"),
            Ok(StaticPackage {
                requires: vec!["bonus-18.2.0+<19".into()],
                variants: vec![
                    vec!["wave-2.7".into(), "cartload-1.1.6".into()],
                    vec!["wave-3.6".into()],
                ],
            })
        );
    }

    #[test]
    fn reads_continuation_lines_rer_package_declines() {
        let src = "name = 'brace'\nversion = '2.13.0'\nvariants = \\\n    [['diam-linux',\n      \
                   'wave-2.7']]\ntimestamp = 1600129463\n";
        assert!(rer_package::parse_static_package_py(src).is_none());
        let package = read_package_py(src.as_bytes(), "brace", "2.13.0").unwrap();
        assert_eq!(
            package.variants,
            vec![vec!["diam-linux".to_string(), "wave-2.7".into()]]
        );
    }

    #[test]
    fn refuses_where_rer_package_alone_is_wrong() {
        // escapes: rer-package keeps `\x2d` as is, Python gives `-`
        let escaped = "name = 'a'\nversion = '1'\nrequires = ['b\\x2d1']\ntimestamp = 1\n";
        assert!(rer_package::parse_static_package_py(escaped).is_some());
        assert!(matches!(
            read_package_py(escaped.as_bytes(), "a", "1"),
            Err(NotStatic::Unsupported(_))
        ));
        // name from the file, not the directory
        let named = "name = 'other'\nversion = '1'\ntimestamp = 1\n";
        assert!(rer_package::parse_static_package_py(named).is_some());
        assert!(matches!(
            read_package_py(named.as_bytes(), "a", "1"),
            Err(NotStatic::Identity(_))
        ));
        // dynamic code rer-package skips
        let code = "name = 'a'\nversion = '1'\ntimestamp = 1\ndef commands():\n    pass\n";
        assert!(rer_package::parse_static_package_py(code).is_some());
        assert!(read_package_py(code.as_bytes(), "a", "1").is_err());
    }

    #[test]
    fn the_guard_refuses_a_disagreement() {
        let ours = StaticPackage {
            requires: vec!["b-1".into()],
            variants: vec![],
        };
        let text = "name = 'a'\nversion = '1'\nrequires = ['b-2']\ntimestamp = 1\n";
        assert_eq!(
            guard(text, &ours, "a", "1"),
            Err(NotStatic::Guard("requires differs".into()))
        );
        let agreeing = StaticPackage {
            requires: vec!["b-2".into()],
            variants: vec![],
        };
        assert_eq!(guard(text, &agreeing, "a", "1"), Ok(()));
    }
}
