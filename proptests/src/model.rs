//! A reference model of rez 3.4.0's filesystem-repository enumeration.
//!
//! This is a deliberately naive, line-by-line transliteration of
//! `rezplugins/package_repository/filesystem.py` (`_get_family_dirs`,
//! `_get_version_dirs`, `_get_file`, `FileSystemPackageFamilyResource.iter_packages`,
//! `PackageResource.normalize_variables`, `FileSystemPackageResource.path`) and of
//! `rez.utils.formatting.is_valid_package_name`, written from the rules in
//! `docs/enumeration.md` ENUM-3 to ENUM-6. It shares no code with the scanner: every
//! check is a separate `stat`/`lstat`/`readdir` on a path built by string joins,
//! exactly as `os.path.isdir` / `isfile` / `exists` / `listdir` would do.
//!
//! Combined families are reported once per file (the scanner cannot evaluate
//! the file), with the family file as path and its extension as format.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::record::{show, Fmt, Kind, Record};
use crate::tree::SETTINGS;

/// The settings that affect enumeration (`docs/enumeration.md` ENUM-2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelOptions {
    /// `check_package_definition_files`
    pub check_package_definition_files: bool,
    /// `package_filenames`
    pub package_filenames: Vec<String>,
    /// `allow_unversioned_packages`
    pub allow_unversioned_packages: bool,
    /// constructor argument `disable_pkg_ignore`
    pub disable_pkg_ignore: bool,
    /// `file_lock_dir`
    pub file_lock_dir: Option<String>,
}

// ---- os.path / os helpers, on byte strings ------------------------------------

fn p(bytes: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(bytes))
}

/// `os.path.join(a, b)` for a relative `b`.
fn join(a: &[u8], b: &[u8]) -> Vec<u8> {
    if b.starts_with(b"/") {
        return b.to_vec();
    }
    let mut out = a.to_vec();
    if !out.is_empty() && !out.ends_with(b"/") {
        out.push(b'/');
    }
    out.extend_from_slice(b);
    out
}

/// `os.path.isdir`: `stat` (follows symlinks) succeeds and is a directory (ENUM-1.7).
fn isdir(path: &[u8]) -> bool {
    fs::metadata(p(path)).map(|m| m.is_dir()).unwrap_or(false)
}

/// `os.path.isfile`: `stat` (follows symlinks) succeeds and is a regular file.
fn isfile(path: &[u8]) -> bool {
    fs::metadata(p(path)).map(|m| m.is_file()).unwrap_or(false)
}

/// `os.path.exists`: `stat` (follows symlinks) succeeds.
fn exists(path: &[u8]) -> bool {
    fs::metadata(p(path)).is_ok()
}

/// `os.listdir`: entry names in directory order; raises on error.
fn listdir(path: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let rd = fs::read_dir(p(path)).map_err(|e| format!("listdir {:?}: {e}", p(path)))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| format!("listdir {:?}: {e}", p(path)))?;
        names.push(entry.file_name().as_bytes().to_vec());
    }
    Ok(names)
}

/// `os.path.splitext` (posixpath): split at the last dot, unless every
/// character before it is a dot (leading dots do not start an extension; ENUM-3.6).
fn splitext(name: &[u8]) -> (&[u8], &[u8]) {
    // No separators can appear in a listdir name.
    if let Some(dot) = name.iter().rposition(|&c| c == b'.') {
        if name[..dot].iter().any(|&c| c != b'.') {
            return (&name[..dot], &name[dot..]);
        }
    }
    (name, b"")
}

/// `is_valid_package_name`: `^[a-zA-Z_0-9](\.?[a-zA-Z0-9_]+)*\Z` and not `__pycache__`
/// (ENUM-3.7).
fn is_valid_package_name(name: &[u8]) -> bool {
    fn word(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c == b'_'
    }
    // The first character, then runs of word characters each optionally
    // preceded by one dot: i.e. no leading/trailing/double dot, only word chars.
    let Some((&first, rest)) = name.split_first() else {
        return false;
    };
    if !word(first) {
        return false;
    }
    let mut prev_dot = false;
    for &c in rest {
        if c == b'.' {
            if prev_dot {
                return false;
            }
            prev_dot = true;
        } else if word(c) {
            prev_dot = false;
        } else {
            return false;
        }
    }
    !prev_dot && name != b"__pycache__"
}

// ---- the repository -------------------------------------------------------------

/// `(name, ext)`: `ext` is `None` for a directory family.
type FamilyDir = (Vec<u8>, Option<&'static str>);

struct Repo<'a> {
    location: Vec<u8>,
    o: &'a ModelOptions,
    /// `cached_property file_lock_dir`, computed on first use (ENUM-3.4).
    lock_dir: Option<Option<Vec<u8>>>,
}

impl Repo<'_> {
    fn file_lock_dir(&mut self) -> Option<Vec<u8>> {
        if let Some(cached) = &self.lock_dir {
            return cached.clone();
        }
        let value = match self.o.file_lock_dir.as_deref() {
            None | Some("") => None,
            Some(dirname) => {
                assert!(
                    !dirname.starts_with('/') && !dirname.contains('/'),
                    "ConfigurationError: the generator never produces such a lock dir"
                );
                let path = join(&self.location, dirname.as_bytes());
                if exists(&path) {
                    Some(dirname.as_bytes().to_vec())
                } else {
                    None
                }
            }
        };
        self.lock_dir = Some(value.clone());
        value
    }

    /// `_get_family_dirs`: `(name, ext)` in listdir order (ENUM-3.3 to ENUM-3.6).
    fn get_family_dirs(&mut self) -> Result<Vec<FamilyDir>, String> {
        let mut dirs = Vec::new();
        if !isdir(&self.location) {
            return Ok(dirs);
        }
        for name in listdir(&self.location)? {
            let path = join(&self.location, &name);
            if name == b"settings.yaml" || Some(&name) == self.file_lock_dir().as_ref() {
                continue;
            }
            if isdir(&path) {
                if is_valid_package_name(&name) {
                    dirs.push((name, None));
                }
            } else {
                let (stem, ext) = splitext(&name);
                let ext = match ext {
                    b".py" => Some("py"),
                    b".yaml" => Some("yaml"),
                    _ => None,
                };
                if let Some(ext) = ext {
                    if is_valid_package_name(stem) {
                        dirs.push((stem.to_vec(), Some(ext)));
                    }
                }
            }
        }
        Ok(dirs)
    }

    /// `_get_file(path, package_filename)`: stems outer, formats inner, first `isfile`
    /// (ENUM-5).
    fn get_file(&self, path: &[u8], package_filename: Option<&str>) -> Option<(Vec<u8>, Fmt)> {
        let stems: Vec<&str> = match package_filename {
            Some(stem) => vec![stem],
            None => self
                .o
                .package_filenames
                .iter()
                .map(String::as_str)
                .collect(),
        };
        for stem in stems {
            for fmt in [Fmt::Py, Fmt::Yaml] {
                let filename = format!("{stem}.{}", fmt.as_str());
                let filepath = join(path, filename.as_bytes());
                if isfile(&filepath) {
                    return Some((filepath, fmt));
                }
            }
        }
        None
    }

    /// The hard-coded `package` stem of ENUM-4.2 step 3 and ENUM-4.3.
    fn is_valid_package_directory(&self, path: &[u8]) -> bool {
        self.get_file(path, Some("package")).is_some()
    }

    /// `.ignore<name>` that `isfile` (ENUM-4.2 step 2).
    fn ignore_dir(&self, root: &[u8], name: &[u8]) -> bool {
        if self.o.disable_pkg_ignore {
            return false;
        }
        let mut ignore_name = b".ignore".to_vec();
        ignore_name.extend_from_slice(name);
        isfile(&join(root, &ignore_name))
    }

    /// `_get_version_dirs(root)`: check mode (ENUM-4.3), else default mode (ENUM-4.2).
    /// Default mode returns a set in rez; order is irrelevant here because the
    /// records are compared sorted (ENUM-9.1).
    fn get_version_dirs(&self, root: &[u8]) -> Result<Vec<Vec<u8>>, String> {
        if self.o.check_package_definition_files {
            let mut dirs = Vec::new();
            for name in listdir(root)? {
                if name.starts_with(b".") {
                    continue;
                }
                let path = join(root, &name);
                if isdir(&path)
                    && !self.ignore_dir(root, &name)
                    && self.is_valid_package_directory(&path)
                {
                    dirs.push(name);
                }
            }
            return Ok(dirs);
        }

        let building_prefix: &[u8] = b".building";
        let mut dirs_set: Vec<Vec<u8>> = Vec::new();
        let mut building_dirs: Vec<Vec<u8>> = Vec::new();
        for name in listdir(root)? {
            if name.starts_with(b".") {
                if !name.starts_with(building_prefix) {
                    continue;
                }
                let ver_str = name[building_prefix.len()..].to_vec();
                if !building_dirs.contains(&ver_str) {
                    building_dirs.push(ver_str);
                }
            }
            let path = join(root, &name);
            if isdir(&path) && !self.ignore_dir(root, &name) && !dirs_set.contains(&name) {
                dirs_set.push(name);
            }
        }
        for name in building_dirs {
            if !dirs_set.contains(&name) {
                continue;
            }
            let path = join(root, &name);
            if !self.is_valid_package_directory(&path) {
                dirs_set.retain(|d| *d != name);
            }
        }
        Ok(dirs_set)
    }

    /// A `FileSystemPackageResource` for `name` and `version` (already
    /// normalised): its path, filepath and format.
    fn package(&self, root: usize, name: &[u8], version: Option<&[u8]>) -> Record {
        let mut path = join(&self.location, name);
        if let Some(v) = version {
            path = join(&path, v);
        }
        let file = self.get_file(&path, None);
        Record {
            root,
            family: name.to_vec(),
            kind: if version.is_some() {
                Kind::Versioned
            } else {
                Kind::Unversioned
            },
            version: version.map(<[u8]>::to_vec),
            format: file.as_ref().map(|(_, f)| *f),
            path: file.map_or(path, |(fp, _)| fp),
        }
    }

    /// `FileSystemPackageFamilyResource.iter_packages` (ENUM-4; the unversioned
    /// check first, ENUM-4.1).
    fn iter_packages(&self, root: usize, name: &[u8], out: &mut Vec<Record>) -> Result<(), String> {
        let fam_path = join(&self.location, name);
        if self.o.allow_unversioned_packages && self.get_file(&fam_path, None).is_some() {
            out.push(self.package(root, name, None));
            return Ok(());
        }
        for version_str in self.get_version_dirs(&fam_path)? {
            if self.o.check_package_definition_files {
                let path = join(&fam_path, &version_str);
                if self.get_file(&path, None).is_none() {
                    continue;
                }
            }
            // PackageResource.normalize_variables drops '' and '_NO_VERSION' (ENUM-4.4).
            let version = match version_str.as_slice() {
                b"" | b"_NO_VERSION" => None,
                v => Some(v),
            };
            out.push(self.package(root, name, version));
        }
        Ok(())
    }
}

/// `os.path.abspath`: join to the current directory, then `normpath`
/// (lexically: collapse `//` and `.`, resolve `..` against the previous
/// component, drop a trailing slash). ENUM-3.1 step 2.
fn abspath(path: &[u8]) -> Vec<u8> {
    let mut full = path.to_vec();
    if !path.starts_with(b"/") {
        let cwd = std::env::current_dir().expect("current dir");
        full = join(cwd.as_os_str().as_bytes(), path);
    }
    // posixpath.normpath; exactly two leading slashes are kept.
    let initial: &[u8] = if full.starts_with(b"//") && !full.starts_with(b"///") {
        b"//"
    } else {
        b"/"
    };
    let mut comps: Vec<&[u8]> = Vec::new();
    for comp in full.split(|&c| c == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => {
                comps.pop();
            }
            c => comps.push(c),
        }
    }
    let mut out = initial.to_vec();
    out.extend_from_slice(&comps.join(&b'/'));
    out
}

/// Enumerates `roots` as rez would, one result per root: one record per
/// package of every dir family, one per combined family file; `Err` where
/// rez would raise.
pub fn enumerate(roots: &[PathBuf], o: &ModelOptions) -> Vec<Result<Vec<Record>, String>> {
    let mut out = Vec::new();
    for (index, root) in roots.iter().enumerate() {
        // The manager applies os.path.abspath (lexical), then the repo takes
        // normpath(realpath(...)) (ENUM-3.1). A path realpath cannot fully resolve
        // is not a directory, so it has no families (and no settings.yaml; ENUM-3.3).
        let Ok(location) = fs::canonicalize(p(&abspath(root.as_os_str().as_bytes()))) else {
            out.push(Ok(Vec::new()));
            continue;
        };
        let location = location.as_os_str().as_bytes().to_vec();
        out.push(enumerate_root(index, location, o));
    }
    out
}

/// One repository: construction (settings.yaml), then every family.
fn enumerate_root(
    index: usize,
    location: Vec<u8>,
    o: &ModelOptions,
) -> Result<Vec<Record>, String> {
    let mut out = Vec::new();
    // __init__: `if os.path.exists(settings): local_settings.update(load_yaml(settings))`
    // (ENUM-3.2).
    // Reading a directory raises; what a file's content does is looked up in
    // the generator's table of contents (outcomes observed with rez 3.4.0;
    // this model does not parse YAML).
    let settings = join(&location, b"settings.yaml");
    if exists(&settings) {
        let content = fs::read(p(&settings))
            .map_err(|e| format!("settings.yaml: {e} ({})", show(&settings)))?;
        let (label, _, raises) = SETTINGS
            .iter()
            .find(|(_, c, _)| *c == content.as_slice())
            .unwrap_or_else(|| {
                panic!("settings.yaml content not in the table: {}", show(&content))
            });
        if *raises {
            return Err(format!(
                "settings.yaml ({label}) raises: {}",
                show(&settings)
            ));
        }
    }
    {
        let mut repo = Repo {
            location,
            o,
            lock_dir: None,
        };
        for (name, ext) in repo.get_family_dirs()? {
            match ext {
                None => repo.iter_packages(index, &name, &mut out)?,
                Some(ext) => {
                    let mut filename = name.clone();
                    filename.push(b'.');
                    filename.extend_from_slice(ext.as_bytes());
                    out.push(Record {
                        root: index,
                        path: join(&repo.location, &filename),
                        family: name,
                        kind: Kind::Combined,
                        version: None,
                        format: Some(if ext == "py" { Fmt::Py } else { Fmt::Yaml }),
                    });
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in [
            "9lives", "_", "_under", "a.b", "dirpy.py", "pkg.tar", "a.b.c",
        ] {
            assert!(is_valid_package_name(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "",
            "a..b",
            "trail.",
            "a-b",
            "naïve",
            "with space",
            "__pycache__",
            ".hidden",
            ".",
        ] {
            assert!(!is_valid_package_name(bad.as_bytes()), "{bad}");
        }
        assert!(!is_valid_package_name(b"caf\xe9"));
    }

    #[test]
    fn splitext_like_python() {
        assert_eq!(splitext(b"foo.py"), (&b"foo"[..], &b".py"[..]));
        assert_eq!(splitext(b"pkg.tar.py"), (&b"pkg.tar"[..], &b".py"[..]));
        assert_eq!(splitext(b".py"), (&b".py"[..], &b""[..]));
        assert_eq!(splitext(b"..py"), (&b"..py"[..], &b""[..]));
        assert_eq!(splitext(b"plain"), (&b"plain"[..], &b""[..]));
        assert_eq!(splitext(b"a."), (&b"a"[..], &b"."[..]));
    }

    #[test]
    fn abspath_like_python() {
        assert_eq!(abspath(b"/a/b/../c/./d/"), b"/a/c/d");
        assert_eq!(abspath(b"/a/nope/../../b"), b"/b");
        assert_eq!(abspath(b"/.."), b"/");
        assert_eq!(abspath(b"//x//y"), b"//x/y");
        assert_eq!(abspath(b"///x"), b"/x");
    }
}
