//! The record shape every side of a comparison is reduced to: the scanner, the
//! reference model and real rez all produce `Vec<Record>`.

use std::fmt;
use std::os::unix::ffi::OsStrExt;

use pyrer_scanner::{Format, PackageKind, ScannedPackage};

/// Where a package's name and version come from (mirrors the scanner's
/// `PackageKind`, redeclared so the model shares no types with the scanner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `ROOT/family/version/`.
    Versioned,
    /// `ROOT/family/package.*`, or the magic version directory `_NO_VERSION`.
    Unversioned,
    /// `ROOT/family.py` / `ROOT/family.yaml`, reported once per file.
    Combined,
}

impl Kind {
    /// The lower-case name used by `tools/rez_enumerate.py`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Versioned => "versioned",
            Kind::Unversioned => "unversioned",
            Kind::Combined => "combined",
        }
    }
}

/// A package definition file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fmt {
    /// `.py`
    Py,
    /// `.yaml`
    Yaml,
}

impl Fmt {
    /// The extension without its dot.
    pub fn as_str(self) -> &'static str {
        match self {
            Fmt::Py => "py",
            Fmt::Yaml => "yaml",
        }
    }
}

/// One package as rez's filesystem repository surfaces it. All byte strings
/// are the raw on-disk bytes (paths and versions may be non-UTF-8).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Record {
    /// Index of the root in the list of roots given.
    pub root: usize,
    /// Family name.
    pub family: Vec<u8>,
    /// Kind of package.
    pub kind: Kind,
    /// Version directory name; `None` for unversioned and combined packages.
    pub version: Option<Vec<u8>>,
    /// The package file, or the package directory when there is none.
    pub path: Vec<u8>,
    /// Format of the package file, `None` when there is none.
    pub format: Option<Fmt>,
}

/// Renders bytes as text with non-UTF-8 bytes escaped as `\xNN`.
pub fn show(bytes: &[u8]) -> String {
    bytes.utf8_chunks().fold(String::new(), |mut s, chunk| {
        s.push_str(chunk.valid());
        for b in chunk.invalid() {
            s.push_str(&format!("\\x{b:02x}"));
        }
        s
    })
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[root {} {} {:?} version={} format={} path={}]",
            self.root,
            self.kind.as_str(),
            show(&self.family),
            self.version
                .as_deref()
                .map_or("None".to_string(), |v| format!("{:?}", show(v))),
            self.format.map_or("None", Fmt::as_str),
            show(&self.path),
        )
    }
}

impl From<&ScannedPackage> for Record {
    fn from(p: &ScannedPackage) -> Self {
        Record {
            root: p.root_index,
            family: p.family.as_bytes().to_vec(),
            kind: match p.kind {
                PackageKind::Versioned => Kind::Versioned,
                PackageKind::Unversioned => Kind::Unversioned,
                PackageKind::Combined => Kind::Combined,
            },
            version: p.version.as_ref().map(|v| v.as_bytes().to_vec()),
            path: p.path.as_os_str().as_bytes().to_vec(),
            format: p.format.map(|f| match f {
                Format::Py => Fmt::Py,
                Format::Yaml => Fmt::Yaml,
            }),
        }
    }
}

/// Sorts records into a canonical order for comparison.
pub fn sorted(mut records: Vec<Record>) -> Vec<Record> {
    records.sort();
    records
}

/// Describes the difference between two sorted record lists, for failure messages.
pub fn diff(left_name: &str, left: &[Record], right_name: &str, right: &[Record]) -> String {
    let only_left: Vec<_> = left.iter().filter(|r| !right.contains(r)).collect();
    let only_right: Vec<_> = right.iter().filter(|r| !left.contains(r)).collect();
    let mut s = String::new();
    for r in &only_left {
        s.push_str(&format!("  only in {left_name}: {r:?}\n"));
    }
    for r in &only_right {
        s.push_str(&format!("  only in {right_name}: {r:?}\n"));
    }
    if only_left.is_empty() && only_right.is_empty() {
        s.push_str(&format!(
            "  same records, different multiplicities: {left_name} has {}, {right_name} has {}\n",
            left.len(),
            right.len()
        ));
    }
    s
}
