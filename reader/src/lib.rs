//! Guarded static reader of rez `package.py` files.
//!
//! [`read_package_py`] returns a package's solver data (`requires`, `variants`)
//! only where it provably equals what rez 3.4.0's own load of that file in a
//! repository gives (`PackageData.from_rez`), string for string. Anything else
//! is [`NotStatic`]: the caller must have rez load the file.

/// The solver data of one package, as rez would render it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaticPackage {
    pub requires: Vec<String>,
    pub variants: Vec<Vec<String>>,
}

/// Why a file must be loaded by rez instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotStatic {
    #[error("not in the static subset: {0}")]
    Unsupported(String),
}

/// Reads `source`, the bytes of `ROOT/<family>/<version>/package.py`.
pub fn read_package_py(
    source: &[u8],
    family: &str,
    version: &str,
) -> Result<StaticPackage, NotStatic> {
    let _ = (source, family, version);
    Err(NotStatic::Unsupported("reader not implemented yet".into()))
}
