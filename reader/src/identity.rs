//! The package's name and version: the directories', and equal to the file's.

use crate::error::{NotStatic, Reason};
use crate::literal::Value;
use crate::requirement::{check_version, is_valid_package_name};
use crate::schema::Bound;

/// rez names a package in a repository by its directories
/// (`ROOT/<family>/<version>/`): the resource's `name` and `version` are the
/// directories', and the file's own `name` and `version` keys are never read or
/// validated (rez's resource properties shadow them). They are only held to
/// being strs here, and the directories to names and versions rez spells as
/// written (so `str(pkg.version)` is the directory's).
pub(crate) fn check(
    name: Option<&Bound<'_>>,
    version: Option<&Bound<'_>>,
    family: &str,
    version_dir: &str,
) -> Result<(), NotStatic> {
    for (key, bound) in [("name", name), ("version", version)] {
        if bound.is_some() {
            text(key, bound)?;
        }
    }
    if !is_valid_package_name(family) {
        return Err(NotStatic::new(
            Reason::Identity,
            format!("family name {family:?}"),
        ));
    }
    check_version(version_dir)
}

/// The file's own name and version, both required, where it is read without
/// directories (they then name the directories).
pub(crate) fn from_file<'a>(
    name: Option<&Bound<'a>>,
    version: Option<&Bound<'a>>,
) -> Result<(&'a str, &'a str), NotStatic> {
    let (name, version) = (text("name", name)?, text("version", version)?);
    check(
        Some(&Bound::Value(Value::Str(name))),
        Some(&Bound::Value(Value::Str(version))),
        name,
        version,
    )?;
    Ok((name, version))
}

fn text<'a>(key: &str, bound: Option<&Bound<'a>>) -> Result<&'a str, NotStatic> {
    match bound {
        Some(Bound::Value(Value::Str(s))) => Ok(s),
        Some(_) => Err(NotStatic::new(Reason::Schema, format!("{key}: not a str"))),
        None => Err(NotStatic::new(Reason::Schema, format!("no {key:?}"))),
    }
}
