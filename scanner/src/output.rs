//! The scan result: one `ScannedPackage` per package rez would see, plus the problems met.

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::path::PathBuf;

/// How rez stores a package, which decides where its name and version come from
/// (`docs/enumeration.md` ENUM-1.1, ENUM-1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PackageKind {
    /// `ROOT/family/version/` — the version is the directory name (ENUM-4.2, ENUM-4.3).
    Versioned,
    /// `ROOT/family/package.py` (ENUM-4.1), or the magic version directory
    /// `_NO_VERSION` (ENUM-4.4).
    Unversioned,
    /// `ROOT/family.py` or `ROOT/family.yaml`: the versions live inside the file,
    /// which only rez can evaluate, so the scanner reports the file once (ENUM-6.1).
    Combined,
}

impl PackageKind {
    /// The lower-case name used by the CLI and the Python layer.
    pub fn as_str(self) -> &'static str {
        match self {
            PackageKind::Versioned => "versioned",
            PackageKind::Unversioned => "unversioned",
            PackageKind::Combined => "combined",
        }
    }
}

/// The format of a package definition file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `package.py`
    Py,
    /// `package.yaml`
    Yaml,
}

impl Format {
    /// rez tries `.py` before `.yaml` for every file stem (ENUM-5.1).
    pub(crate) const SEARCH_ORDER: [Format; 2] = [Format::Py, Format::Yaml];

    /// The file extension without its dot, as rez's `FileFormat.extension`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Py => "py",
            Format::Yaml => "yaml",
        }
    }
}

/// One package as rez's filesystem repository would surface it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScannedPackage {
    /// The family name (always a valid rez package name, so always ASCII).
    pub family: String,
    /// The version directory name exactly as on disk (possibly not UTF-8);
    /// `None` for unversioned and combined packages. Never checked as a version
    /// (ENUM-4.2 step 4, ENUM-8.4).
    pub version: Option<OsString>,
    /// The package file's format, or `None` where rez would find no package file.
    pub format: Option<Format>,
    /// The package file, or the package directory where there is no file.
    /// Built from the canonical root by plain joins, as rez builds it (ENUM-1.6).
    pub path: PathBuf,
    /// Where the name and version came from.
    pub kind: PackageKind,
    /// Index into the `paths` given to `scan_repo`.
    pub root_index: usize,
}

/// One family as rez's repository would list it (`iter_package_families`) or find
/// it by name (`get_package_family`), whether or not it holds any package
/// (ENUM-3, ENUM-7; EDGE-20).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScannedFamily {
    /// The family name.
    pub name: String,
    /// The family directory, or the file of a combined family (`ROOT/name.py`).
    pub path: PathBuf,
    /// `None` for a directory family; the file's format for a combined family.
    pub format: Option<Format>,
    /// Index into the `paths` given to `scan_repo`.
    pub root_index: usize,
}

/// Which filesystem operation a problem came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Resolving the root to its canonical path.
    Canonicalize,
    /// Opening a directory.
    OpenDir,
    /// Reading a directory's entries.
    ReadDir,
    /// `stat` of an entry (following symlinks).
    Stat,
    /// Reading the root's `settings.yaml`.
    Settings,
}

impl Operation {
    /// The lower-case name used in messages and by the Python layer.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Canonicalize => "canonicalize",
            Operation::OpenDir => "opendir",
            Operation::ReadDir => "readdir",
            Operation::Stat => "stat",
            Operation::Settings => "settings",
        }
    }
}

/// Something the scan could not read. rez would raise here (or, for a `stat`,
/// silently treat the entry as missing); the scan goes on with everything else.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// The path the operation was about.
    pub path: PathBuf,
    /// What was being done.
    pub operation: Operation,
    /// The OS error number, when there is one.
    pub errno: Option<i32>,
    /// A human-readable reason.
    pub message: String,
}

impl Problem {
    pub(crate) fn from_io(path: PathBuf, operation: Operation, err: &io::Error) -> Self {
        Problem {
            path,
            operation,
            errno: err.raw_os_error(),
            message: err.to_string(),
        }
    }
}

/// Shown as `operation path: message`, with `terminal_safe` path and message: a
/// crafted directory name cannot send escape sequences to the reader's terminal.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.as_os_str().as_encoded_bytes();
        f.write_str(&problem_line(self.operation.as_str(), path, &self.message))
    }
}

/// Why rez's `os.path.isdir` says "no" to a repository root: rez then lists nothing
/// under it and says nothing (ENUM-3.3, EDGE-1). The same errors make Python's
/// `isdir`/`isfile`/`exists` quietly say "no" to any entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Absence {
    /// Nothing is there (ENOENT).
    Missing,
    /// It, or a component of its path, is not a directory (ENOTDIR).
    NotADirectory,
    /// Its symbolic links loop (ELOOP).
    LinkLoop,
    /// Its name, or its path, is too long (ENAMETOOLONG).
    NameTooLong,
}

impl Absence {
    /// The absence an error means, or `None` for an error Python's `isdir` raises.
    pub(crate) fn of(err: &io::Error) -> Option<Self> {
        if err.kind() == io::ErrorKind::NotFound {
            return Some(Absence::Missing);
        }
        #[cfg(unix)]
        {
            use rustix::io::Errno;
            let code = err.raw_os_error()?;
            [
                (Errno::NOTDIR, Absence::NotADirectory),
                (Errno::LOOP, Absence::LinkLoop),
                (Errno::NAMETOOLONG, Absence::NameTooLong),
            ]
            .into_iter()
            .find(|(errno, _)| errno.raw_os_error() == code)
            .map(|(_, absence)| absence)
        }
        #[cfg(not(unix))]
        {
            None
        }
    }

    /// In words, after the root: "does not exist", "is not a directory", ...
    pub fn as_str(self) -> &'static str {
        match self {
            Absence::Missing => "does not exist",
            Absence::NotADirectory => "is not a directory",
            Absence::LinkLoop => "is a symbolic link loop",
            Absence::NameTooLong => "has too long a name",
        }
    }
}

/// A root under which rez lists nothing, silently, because `isdir` says no: reported
/// so that a typo does not look like an empty repository. The entries stay rez's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AbsentRoot {
    /// Index into the roots given to the scan.
    pub root_index: usize,
    /// Why `isdir` says no.
    pub absence: Absence,
}

/// An absent root as one line, `root PATH does not exist: rez lists no packages there`
/// (what `pyrer scan` and the scan example print), with a `terminal_safe` path.
pub fn absent_root_line(path: &[u8], absence: Absence) -> String {
    format!(
        "root {} {}: rez lists no packages there",
        terminal_safe(path),
        absence.as_str()
    )
}

/// A problem as one line, `operation path: message` (the `Display` of `Problem`, also
/// used by the Python bindings, whose problems hold Python strings).
pub fn problem_line(operation: &str, path: &[u8], message: &str) -> String {
    format!(
        "{operation} {}: {}",
        terminal_safe(path),
        terminal_safe(message.as_bytes())
    )
}

/// `text` made safe to show on a terminal: UTF-8 is kept, control characters
/// (C0, DEL, C1) and bytes that are not UTF-8 become `\xNN` escapes. For
/// display only; the exact bytes are in the value itself.
pub fn terminal_safe(text: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for chunk in text.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            } else {
                out.push(c);
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_escapes_controls_and_invalid_bytes_only() {
        assert_eq!(
            terminal_safe(b"plain/\xc3\xa9t\xc3\xa9"),
            "plain/\u{e9}t\u{e9}"
        );
        assert_eq!(
            terminal_safe(b"a\x1b[31mb\x07\x7f"),
            "a\\x1b[31mb\\x07\\x7f"
        );
        assert_eq!(terminal_safe("c1\u{9b}2J".as_bytes()), "c1\\x9b2J");
        assert_eq!(terminal_safe(b"bad\xff\n"), "bad\\xff\\x0a");
    }

    #[test]
    fn problems_display_escaped_paths_and_messages() {
        let problem = Problem {
            path: PathBuf::from("/repo/\u{1b}]0;owned\u{7}"),
            operation: Operation::OpenDir,
            errno: None,
            message: "bad \u{1b}[2J".to_string(),
        };
        let shown = problem.to_string();
        assert_eq!(shown, "opendir /repo/\\x1b]0;owned\\x07: bad \\x1b[2J");
    }
}

/// The backend that actually ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Portable backend: a bounded pool of threads doing ordinary syscalls.
    Std,
    /// io_uring rings on a few threads, many operations in flight (Linux).
    IoUring,
}

impl Backend {
    /// The lower-case name used by options, the CLI and the Python layer.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Std => "std",
            Backend::IoUring => "io_uring",
        }
    }
}

/// Everything a scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanOutput {
    /// Sorted by root index, then family name bytes, then version bytes
    /// (unversioned first), then kind, then path. (rez's own order is not
    /// reproducible: ENUM-9.1, EDGE-56.)
    pub packages: Vec<ScannedPackage>,
    /// Every family found, including directory families that hold no package,
    /// sorted by root index, then name bytes, then path.
    pub families: Vec<ScannedFamily>,
    /// Every place the scan could not read, in path order.
    pub problems: Vec<Problem>,
    /// The roots rez lists nothing under, without an error, in root order.
    pub absent_roots: Vec<AbsentRoot>,
    /// The backend that ran.
    pub backend: Backend,
    /// Why `auto` did not run io_uring, if it did not: the kernel refused it,
    /// or the roots are on local filesystems, where std is as fast or faster.
    pub fallback_reason: Option<String>,
}

impl ScanOutput {
    pub(crate) fn sort(&mut self) {
        self.packages.sort_by(|a, b| {
            (a.root_index, a.family.as_bytes())
                .cmp(&(b.root_index, b.family.as_bytes()))
                .then_with(|| {
                    let va = a.version.as_deref().map(|v| v.as_encoded_bytes());
                    let vb = b.version.as_deref().map(|v| v.as_encoded_bytes());
                    va.cmp(&vb)
                })
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| a.path.cmp(&b.path))
        });
        self.families.sort_by(|a, b| {
            (a.root_index, a.name.as_bytes(), &a.path).cmp(&(
                b.root_index,
                b.name.as_bytes(),
                &b.path,
            ))
        });
        self.problems.sort_by(|a, b| a.path.cmp(&b.path));
        self.absent_roots.sort_by_key(|a| a.root_index);
    }
}
