//! The rez enumeration rules, written once over the `Fs` trait and driven by every backend.
//!
//! Each function mirrors one piece of rez 3.4.0's `FileSystemPackageRepository`;
//! the comments name the rez code they stand for. Where rez calls
//! `os.path.isdir`/`isfile`, the walk uses the directory listing's `d_type`
//! and stats only symlinks and unknown types.
//!
//! The rules themselves are written down in `docs/enumeration.md`; the comments
//! below cite them by ID (`ENUM-4.2` for a rule, `EDGE-33` for an edge case).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use futures::future::join_all;

use crate::fs::{is_absent, is_out_of_fds, Fs, RawEntry, StatType};
use crate::output::{
    Absence, AbsentRoot, Format, Operation, PackageKind, Problem, ScannedFamily, ScannedPackage,
};
use crate::rules::{
    RootName, BUILDING_PREFIX, HARD_CODED_STEM, IGNORE_PREFIX, NO_VERSION, SETTINGS_FILE,
};
use crate::{settings, ScanOptions};

/// A root that was listed, with the directory families still to scan.
pub(crate) struct Root<D> {
    pub(crate) index: usize,
    pub(crate) location: PathBuf,
    pub(crate) dir: D,
    pub(crate) families: Vec<String>,
}

/// What a walk found so far.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) packages: Vec<ScannedPackage>,
    pub(crate) families: Vec<ScannedFamily>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) absent_roots: Vec<AbsentRoot>,
}

impl Found {
    /// Adds what another walker found (each backend merges its threads' walkers).
    pub(crate) fn merge(&mut self, part: Found) {
        self.packages.extend(part.packages);
        self.families.extend(part.families);
        self.problems.extend(part.problems);
        self.absent_roots.extend(part.absent_roots);
    }
}

/// One walker: the rules plus a place to put what they find. Futures of one
/// walker run on one thread, and no `RefCell` borrow is held across an `.await`.
pub(crate) struct Walk<'a, F: Fs> {
    fs: &'a F,
    opts: &'a ScanOptions,
    lock_dir: Option<&'a OsStr>,
    /// Package file names from `package_filenames`, in rez's search order.
    files: Vec<Candidate>,
    /// `package.py`, `package.yaml`: the names rez hard-codes in some checks.
    package_files: Vec<Candidate>,
    found: RefCell<Found>,
}

/// A package file name and its format.
type Candidate = (OsString, Format);

/// A family directory that was opened and listed, waiting for its versions
/// to be probed (possibly in chunks, on several threads).
pub(crate) struct FamilyDir<D> {
    root_index: usize,
    name: String,
    path: PathBuf,
    dir: D,
    /// F's listing, for `isfile(F/name)` questions about F's own entries.
    entries: Vec<RawEntry>,
    /// Indices of the entries that may be versions.
    versions: Vec<usize>,
    /// `.ignore<version>` entries: version bytes to entry index (usually none).
    ignores: HashMap<Vec<u8>, usize>,
    /// Versions named by `.building<version>` markers (usually none).
    building: HashSet<Vec<u8>>,
}

/// What opening a directory family came to.
pub(crate) enum Opened<D> {
    /// Listed; its versions remain to be probed.
    Family(FamilyDir<D>),
    /// Settled (an unversioned package, or a problem): nothing more to do.
    Done,
    /// Out of fds while other tasks hold some: open it again once one finishes.
    OutOfFds,
}

impl<D> FamilyDir<D> {
    /// How many entries may be versions.
    pub(crate) fn version_count(&self) -> usize {
        self.versions.len()
    }
}

impl<'a, F: Fs> Walk<'a, F> {
    pub(crate) fn new(fs: &'a F, opts: &'a ScanOptions, lock_dir: Option<&'a OsStr>) -> Self {
        Walk {
            fs,
            opts,
            lock_dir,
            files: candidate_files(&opts.package_filenames),
            package_files: candidate_files(&[HARD_CODED_STEM]),
            found: RefCell::default(),
        }
    }

    pub(crate) fn into_found(self) -> Found {
        self.found.into_inner()
    }

    fn problem(&self, path: PathBuf, operation: Operation, err: &std::io::Error) {
        let problem = Problem::from_io(path, operation, err);
        self.found.borrow_mut().problems.push(problem);
    }

    /// A root rez's `isdir` says no to (noted, no problem), or a problem at `path`.
    fn absent_root(&self, index: usize, path: &Path, operation: Operation, err: &std::io::Error) {
        match Absence::of(err) {
            Some(absence) => self.found.borrow_mut().absent_roots.push(AbsentRoot {
                root_index: index,
                absence,
            }),
            None => self.problem(path.to_path_buf(), operation, err),
        }
    }

    /// rez loads `location/settings.yaml` when it `exists` and cannot build the
    /// repository when that fails (ENUM-3.2; EDGE-4, EDGE-5). Returns false (with a
    /// problem) when the root is unusable.
    fn settings_usable(&self, location: &Path, kind: Option<StatType>) -> bool {
        let path = location.join(SETTINGS_FILE);
        let err = match kind {
            None => return true,
            Some(StatType::File) => match std::fs::read_to_string(&path) {
                Ok(text) => match settings::check(&text) {
                    Ok(()) => return true,
                    Err(reason) => std::io::Error::new(std::io::ErrorKind::InvalidData, reason),
                },
                Err(err) => err,
            },
            Some(StatType::Dir) => is_a_directory(),
            // rez would block forever opening a FIFO; report it instead.
            Some(StatType::Other) => std::io::Error::other("not a regular file"),
        };
        self.problem(path, Operation::Settings, &err);
        false
    }

    /// Records a directory family (rez's `isdir` said yes, ENUM-3.5), packages or not:
    /// an empty family directory is still a family (EDGE-20).
    fn dir_family(&self, root_index: usize, name: &str, path: &Path) {
        self.found.borrow_mut().families.push(ScannedFamily {
            name: name.to_string(),
            path: path.to_path_buf(),
            format: None,
            root_index,
        });
    }

    fn emit(&self, package: ScannedPackage) {
        self.found.borrow_mut().packages.push(package);
    }

    /// `os.path.isdir`/`isfile` as one question: the type behind `rel`, or `None`
    /// when Python would say "no". Errors other than absence are recorded as
    /// problems (rez swallows them) and also count as "no" (ENUM-1.7).
    async fn stat(&self, dir: &F::Dir, dir_path: &Path, rel: &OsStr) -> Option<StatType> {
        if beyond_path_max(dir_path, rel) {
            return None;
        }
        match self.fs.kind(dir, rel).await {
            Ok(kind) => Some(kind),
            Err(err) => {
                if !is_absent(&err) {
                    self.problem(dir_path.join(rel), Operation::Stat, &err);
                }
                None
            }
        }
    }

    /// The type of a listed entry: from `d_type` when it settles it, else by `stat`.
    async fn entry_kind(
        &self,
        dir: &F::Dir,
        dir_path: &Path,
        entry: &RawEntry,
    ) -> Option<StatType> {
        if beyond_path_max(dir_path, &entry.name) {
            return None;
        }
        match entry.dtype.settled() {
            Some(kind) => Some(kind),
            None => self.stat(dir, dir_path, &entry.name).await,
        }
    }

    /// Root handling (ENUM-3.1), then the families: listed (`_get_family_dirs`,
    /// ENUM-3.3 to ENUM-3.6) or, with `families` set, looked up by name (ENUM-7).
    /// Combined families are emitted here; directory families are returned.
    pub(crate) async fn scan_root(&self, index: usize, given: &Path) -> Option<Root<F::Dir>> {
        // ENUM-3.1 step 2: rez's `abspath` raises when the working directory is gone
        // (and the root is relative).
        let absolute = match absolute_root(given) {
            Ok(absolute) => absolute,
            Err(err) => {
                self.problem(given.to_path_buf(), Operation::Canonicalize, &err);
                return None;
            }
        };
        let location = match canonical_root(absolute) {
            Ok(location) => location,
            Err(err) => {
                // rez: realpath never fails and `isdir` is then false: no entries
                // (ENUM-3.3, EDGE-1).
                self.absent_root(index, given, Operation::Canonicalize, &err);
                return None;
            }
        };
        let list = self.opts.families.is_none();
        let dir = match self.fs.open_root(&location, list).await {
            Ok(dir) => dir,
            Err(err) => {
                // Missing or not a directory: rez's `isdir(location)` is false, no error
                // (ENUM-3.3, EDGE-1).
                self.absent_root(index, &location, Operation::OpenDir, &err);
                return None;
            }
        };
        let families = match &self.opts.families {
            None => self.list_families(index, &location, &dir).await?,
            Some(names) => self.look_up_families(index, &location, &dir, names).await?,
        };
        Some(Root {
            index,
            location,
            dir,
            families,
        })
    }

    /// `_get_family_dirs`: lists the root and classifies its entries (ENUM-3.4 to
    /// ENUM-3.9). Listing errors are rez's `listdir` raising (ENUM-8.2, EDGE-54).
    async fn list_families(
        &self,
        index: usize,
        location: &Path,
        dir: &F::Dir,
    ) -> Option<Vec<String>> {
        let entries = match self.fs.list(dir).await {
            Ok(entries) => entries,
            Err(err) => {
                self.problem(location.to_path_buf(), Operation::ReadDir, &err);
                return None;
            }
        };
        let names: Vec<RootName> = entries
            .iter()
            .map(|e| RootName::parse(e.name.as_encoded_bytes()))
            .collect();
        // Reserved names (ENUM-3.4; EDGE-4, EDGE-6). `exists(settings.yaml)` and
        // `exists(lock dir)` are always asked of the filesystem: in a root that can be
        // listed but not searched they are false (ENUM-8.1, EDGE-55).
        let is_reserved = |name: &[u8]| {
            name == SETTINGS_FILE.as_bytes()
                || self.lock_dir.is_some_and(|l| name == l.as_encoded_bytes())
        };
        let (entries_ref, names_ref) = (&entries, &names);
        let kinds = join_all((0..entries.len()).map(|i| async move {
            let entry = &entries_ref[i];
            if is_reserved(entry.name.as_encoded_bytes()) {
                self.stat(dir, location, &entry.name).await
            } else if names_ref[i].is_irrelevant() {
                None
            } else {
                self.entry_kind(dir, location, entry).await
            }
        }))
        .await;

        let mut families = Vec::new();
        for ((entry, name), kind) in entries.iter().zip(&names).zip(kinds) {
            let bytes = entry.name.as_encoded_bytes();
            if bytes == SETTINGS_FILE.as_bytes() {
                if !self.settings_usable(location, kind) {
                    return None;
                }
                continue;
            }
            // The lock dir is reserved only when `location/<lock dir>` exists
            // (ENUM-3.4, EDGE-6).
            if kind.is_some() && self.lock_dir.is_some_and(|l| bytes == l.as_encoded_bytes()) {
                continue;
            }
            // ENUM-3.5: a directory (symlinks followed) with a valid name is a family.
            if kind == Some(StatType::Dir) {
                if let Some(family) = name.as_dir {
                    families.push(family.to_string());
                }
            } else {
                // ENUM-3.6: no `isfile` check, so broken links and FIFOs count too
                // (EDGE-16, EDGE-17).
                self.emit_combined(index, location, &entry.name, name);
            }
        }
        Some(families)
    }

    /// `get_package_family` for each name (ENUM-7.1): a directory `name` (returned),
    /// else the first of `name.py` and `name.yaml` that `isfile` (emitted); reserved
    /// names are not skipped (ENUM-7.2; EDGE-4, EDGE-6, EDGE-13, EDGE-14). The root's
    /// `settings.yaml` is checked first, as rez does when it builds the repository
    /// (ENUM-3.2).
    async fn look_up_families(
        &self,
        index: usize,
        location: &Path,
        dir: &F::Dir,
        names: &[String],
    ) -> Option<Vec<String>> {
        let settings = self.stat(dir, location, OsStr::new(SETTINGS_FILE)).await;
        if !self.settings_usable(location, settings) {
            return None;
        }
        let kinds = join_all(names.iter().map(|name| async move {
            if self.stat(dir, location, OsStr::new(name)).await == Some(StatType::Dir) {
                return Some(None);
            }
            for format in Format::SEARCH_ORDER {
                let file = OsString::from(format!("{name}.{}", format.extension()));
                if self.stat(dir, location, &file).await == Some(StatType::File) {
                    return Some(Some(file));
                }
            }
            None
        }))
        .await;
        let mut families = Vec::new();
        for (name, kind) in names.iter().zip(kinds) {
            match kind {
                Some(None) => families.push(name.clone()),
                Some(Some(file)) => {
                    let root_name = RootName::parse(file.as_encoded_bytes());
                    self.emit_combined(index, location, &file, &root_name);
                }
                None => {}
            }
        }
        Some(families)
    }

    /// `FileSystemPackageFamilyResource.iter_packages` for one directory family
    /// (ENUM-4), up to its versions: opens and lists it and settles the unversioned
    /// case (ENUM-4.1).
    /// With `may_wait`, running out of fds is `Opened::OutOfFds` (try again
    /// later) rather than a problem.
    pub(crate) async fn open_family(
        &self,
        root: &Root<F::Dir>,
        name: &str,
        may_wait: bool,
    ) -> Opened<F::Dir> {
        let path = root.location.join(name);
        let opened = match self.fs.open_dir(&root.dir, OsStr::new(name)).await {
            Ok(dir) => match self.fs.list(&dir).await {
                Ok(entries) => Ok((dir, entries)),
                Err(err) => Err((Operation::ReadDir, err)),
            },
            Err(err) => Err((Operation::OpenDir, err)),
        };
        let (dir, entries) = match opened {
            Ok(opened) => opened,
            Err((_, err)) if may_wait && is_out_of_fds(&err) => return Opened::OutOfFds,
            Err((operation, err)) => {
                // The listing said "directory", but a root that can be listed and not
                // searched answers rez's `isdir` with "no": then the entry is what a
                // non-directory with this name would be (ENUM-3.6, ENUM-8.1, EDGE-55).
                // An entry that is no longer a directory is what rez's `isdir` would
                // now make of it: a non-directory, silently.
                match self.fs.kind(&root.dir, OsStr::new(name)).await {
                    Err(stat_err) if !is_absent(&stat_err) => {
                        self.problem(path, Operation::Stat, &stat_err);
                        let root_name = RootName::parse(name.as_bytes());
                        self.emit_combined(root.index, &root.location, name.as_ref(), &root_name);
                        return Opened::Done;
                    }
                    Ok(StatType::File | StatType::Other) => {
                        let root_name = RootName::parse(name.as_bytes());
                        self.emit_combined(root.index, &root.location, name.as_ref(), &root_name);
                        return Opened::Done;
                    }
                    _ => {}
                }
                // ENUM-8.3: a family rez cannot list is still listed, and iterating it
                // raises (EDGE-52).
                self.dir_family(root.index, name, &path);
                // rez probes for an unversioned package file before it lists the
                // family, so a family it cannot list may still yield that package
                // (ENUM-4.1).
                if self.opts.allow_unversioned_packages {
                    let found = self.file_by_stat(&root.dir, &root.location, name);
                    if let Some(file) = found.await {
                        self.emit_dir_package(root.index, name, None, path, Some(file));
                        return Opened::Done;
                    }
                }
                self.problem(path, operation, &err);
                return Opened::Done;
            }
        };
        // ENUM-3.5: listed whether or not it holds packages (EDGE-20).
        self.dir_family(root.index, name, &path);
        let bytes = |e: &RawEntry| e.name.as_encoded_bytes().to_vec();
        let check = self.opts.check_package_definition_files;
        let family = FamilyDir {
            root_index: root.index,
            name: name.to_string(),
            path,
            dir,
            versions: (0..entries.len())
                .filter(|&i| {
                    let name = entries[i].name.as_encoded_bytes();
                    // Default mode lists `.building*` entries as versions too
                    // (ENUM-4.2 step 2, EDGE-40); check mode skips every dot name
                    // (ENUM-4.3, EDGE-41).
                    !name.starts_with(b".")
                        || (!check && name.starts_with(BUILDING_PREFIX.as_bytes()))
                })
                .collect(),
            // `.ignore<version>` markers (ENUM-4.2 step 2; EDGE-30 to EDGE-32).
            ignores: (0..entries.len())
                .filter_map(|i| {
                    let name = bytes(&entries[i]);
                    let version = name.strip_prefix(IGNORE_PREFIX.as_bytes())?;
                    Some((version.to_vec(), i))
                })
                .collect(),
            // `.building<version>` markers count by name alone, whatever the entry
            // is (ENUM-4.2 step 2, EDGE-36).
            building: entries
                .iter()
                .filter_map(|e| {
                    let name = e.name.as_encoded_bytes();
                    name.strip_prefix(BUILDING_PREFIX.as_bytes())
                        .map(<[u8]>::to_vec)
                })
                .collect(),
            entries,
        };
        // ENUM-4.1: an unversioned package file settles the family; its versions are
        // not looked at (EDGE-21, EDGE-22).
        if self.opts.allow_unversioned_packages {
            if let Some(file) = self.file_in_family(&family, &self.files).await {
                self.emit_dir_package(family.root_index, name, None, family.path, Some(file));
                return Opened::Done;
            }
        }
        Opened::Family(family)
    }

    /// Probes the versions `range` (indices into the family's candidate versions).
    pub(crate) async fn scan_versions(&self, family: &FamilyDir<F::Dir>, range: Range<usize>) {
        let versions = family.versions[range].iter();
        join_all(versions.map(|&i| self.scan_version(family, &family.entries[i]))).await;
    }

    /// `_get_version_dirs` plus `iter_packages`'s check for one listed entry
    /// (ENUM-4.2 in default mode, ENUM-4.3 in check mode).
    async fn scan_version(&self, family: &FamilyDir<F::Dir>, entry: &RawEntry) {
        let name = entry.name.as_os_str();
        // ENUM-4.2 step 2: a version is a directory (symlinks followed, EDGE-43,
        // EDGE-44) that no `.ignore` file hides.
        if self.entry_kind(&family.dir, &family.path, entry).await != Some(StatType::Dir)
            || self.is_ignored(family, name).await
        {
            return;
        }
        let check = self.opts.check_package_definition_files;
        let marked = !check && family.building.contains(name.as_encoded_bytes());
        // Check mode, and a `.building`-marked version in default mode, need
        // `package.py` or `package.yaml`: rez hard-codes the stem there
        // (ENUM-4.2 step 3, ENUM-4.3; EDGE-33, EDGE-34, EDGE-38).
        let hard_coded = if check || marked {
            match self
                .file_in_version(family, name, &self.package_files)
                .await
            {
                None => return,
                found => found,
            }
        } else {
            None
        };
        // Check mode also requires a file from `package_filenames` (rez's `iter_packages`;
        // ENUM-4.3, EDGE-39), found as ENUM-5 says. `_NO_VERSION` looks in the family
        // directory instead (ENUM-4.4).
        let file = if hard_coded.is_some() && self.files == self.package_files {
            hard_coded
        } else if check || name != NO_VERSION {
            self.file_in_version(family, name, &self.files).await
        } else {
            None
        };
        if check && file.is_none() {
            return;
        }
        // No file found and the type came from the listing alone: confirm `isdir`,
        // which fails in a family that can be listed but not searched (ENUM-1.7).
        if file.is_none()
            && entry.dtype.settled().is_some()
            && self.stat(&family.dir, &family.path, name).await != Some(StatType::Dir)
        {
            return;
        }
        if name == NO_VERSION {
            // rez drops the version `_NO_VERSION`: the package lives in the family dir
            // (ENUM-4.4, EDGE-48).
            let file = self.file_in_family(family, &self.files).await;
            self.emit_dir_package(
                family.root_index,
                &family.name,
                None,
                family.path.clone(),
                file,
            );
            return;
        }
        // The name is never checked as a version (ENUM-4.2 step 4; EDGE-46, EDGE-47).
        let dir = family.path.join(name);
        self.emit_dir_package(family.root_index, &family.name, Some(name), dir, file);
    }

    /// Emits the combined family a non-directory root entry stands for, if any
    /// (ENUM-3.6). Its versions are inside the file, which only rez can load
    /// (ENUM-6.1), so the file is reported once, as one package (ENUM-1.4).
    fn emit_combined(&self, root_index: usize, location: &Path, entry: &OsStr, name: &RootName) {
        if let Some((family, format)) = name.as_combined {
            self.found.borrow_mut().families.push(ScannedFamily {
                name: family.to_string(),
                path: location.join(entry),
                format: Some(format),
                root_index,
            });
            self.emit(ScannedPackage {
                family: family.to_string(),
                version: None,
                format: Some(format),
                path: location.join(entry),
                kind: PackageKind::Combined,
                root_index,
            });
        }
    }

    /// Emits a package of a directory family: versioned when `version` is given.
    /// Paths are plain joins below the canonical root (ENUM-1.3, ENUM-1.6).
    fn emit_dir_package(
        &self,
        root_index: usize,
        family: &str,
        version: Option<&OsStr>,
        dir: PathBuf,
        file: Option<&Candidate>,
    ) {
        self.emit(ScannedPackage {
            family: family.to_string(),
            version: version.map(OsStr::to_os_string),
            format: file.map(|(_, format)| *format),
            path: match file {
                Some((file_name, _)) => {
                    let mut path = dir;
                    path.push(file_name);
                    path
                }
                None => dir,
            },
            kind: match version {
                Some(_) => PackageKind::Versioned,
                None => PackageKind::Unversioned,
            },
            root_index,
        });
    }

    /// rez's `ignore_dir`: a `.ignore<version>` that `isfile` hides the version
    /// (ENUM-4.2 step 2; EDGE-30 to EDGE-32, EDGE-37).
    async fn is_ignored(&self, family: &FamilyDir<F::Dir>, version: &OsStr) -> bool {
        if self.opts.disable_pkg_ignore {
            return false;
        }
        match family.ignores.get(version.as_encoded_bytes()) {
            Some(&i) => {
                let kind = self
                    .stat(&family.dir, &family.path, &family.entries[i].name)
                    .await;
                kind == Some(StatType::File)
            }
            None => false,
        }
    }

    /// `isfile(F/name)` for a name in F itself (ENUM-1.7). The listing answers "no" for names
    /// it lacks; a "yes" is confirmed by `stat`, which also fails (as rez's `isfile`
    /// does) in a family that can be listed but not searched. Such files are rare
    /// (unversioned packages, `.ignore` markers), so this costs next to nothing.
    async fn is_file_in_family(&self, family: &FamilyDir<F::Dir>, name: &OsStr) -> bool {
        let listed = name.as_encoded_bytes().contains(&b'/')
            || cfg!(windows) // case-insensitive names: let the filesystem match them
            || family.entries.iter().any(|e| e.name == name);
        listed && self.stat(&family.dir, &family.path, name).await == Some(StatType::File)
    }

    /// rez's `_get_file(F)`: the first candidate in F that `isfile` (ENUM-5; used for
    /// the unversioned check, ENUM-4.1, and for `_NO_VERSION`, ENUM-4.4).
    async fn file_in_family<'c>(
        &self,
        family: &FamilyDir<F::Dir>,
        candidates: &'c [Candidate],
    ) -> Option<&'c Candidate> {
        for candidate in candidates {
            if self.is_file_in_family(family, &candidate.0).await {
                return Some(candidate);
            }
        }
        None
    }

    /// rez's `_get_file(F/version)`, probing relative to the family directory (ENUM-5).
    async fn file_in_version<'c>(
        &self,
        family: &FamilyDir<F::Dir>,
        version: &OsStr,
        candidates: &'c [Candidate],
    ) -> Option<&'c Candidate> {
        self.file_by_stat_in(&family.dir, &family.path, version, candidates)
            .await
    }

    /// rez's `_get_file(location/family)` by `stat` alone, for a family it cannot list
    /// (ENUM-4.1 comes before the listing; EDGE-52).
    async fn file_by_stat(
        &self,
        root: &F::Dir,
        location: &Path,
        family: &str,
    ) -> Option<&Candidate> {
        self.file_by_stat_in(root, location, OsStr::new(family), &self.files)
            .await
    }

    /// The first candidate `dir/sub/<candidate>` that `isfile` (ENUM-5.1, ENUM-5.2).
    async fn file_by_stat_in<'c>(
        &self,
        dir: &F::Dir,
        dir_path: &Path,
        sub: &OsStr,
        candidates: &'c [Candidate],
    ) -> Option<&'c Candidate> {
        for candidate in candidates {
            // Rebuilt each time: a stem may hold a separator (`sub/pkg`).
            let rel = Path::new(sub).join(&candidate.0);
            if self.stat(dir, dir_path, rel.as_os_str()).await == Some(StatType::File) {
                return Some(candidate);
            }
        }
        None
    }
}

/// The longest path, NUL included, that the kernel accepts (`PATH_MAX`).
#[cfg(any(target_os = "linux", target_os = "android"))]
const PATH_MAX: usize = 4096;
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
const PATH_MAX: usize = 1024;

/// Whether `dir_path/rel`, the path rez would hand to `isdir`/`isfile`, is too
/// long for the kernel: rez's answer is then "no" (`ENAMETOOLONG`, swallowed: ENUM-1.7).
/// The walk looks up relative to fds, where the same entry would be found, so
/// it must ask this itself to give rez's answer.
fn beyond_path_max(dir_path: &Path, rel: &OsStr) -> bool {
    #[cfg(unix)]
    {
        let dir = dir_path.as_os_str().as_encoded_bytes();
        let separator = usize::from(!dir.ends_with(b"/"));
        dir.len() + separator + rel.len() >= PATH_MAX
    }
    #[cfg(not(unix))]
    {
        let _ = (dir_path, rel);
        false
    }
}

/// rez's search order (ENUM-5.1): stems outer, formats inner (`package.py`,
/// `package.yaml`, ...).
fn candidate_files<S: AsRef<OsStr>>(stems: &[S]) -> Vec<Candidate> {
    stems
        .iter()
        .flat_map(|stem| {
            Format::SEARCH_ORDER.into_iter().map(move |format| {
                let mut name = stem.as_ref().to_os_string();
                name.push(".");
                name.push(format.extension());
                (name, format)
            })
        })
        .collect()
}

/// rez's `abspath(path)` (ENUM-3.1 step 2, EDGE-2): made absolute and normalised as
/// text (so `missing/..` is the current directory). As in Python, only a relative path
/// asks for the current directory, so absolute roots still work where it has been
/// deleted.
fn absolute_root(given: &Path) -> std::io::Result<PathBuf> {
    let absolute = if given.is_absolute() {
        given.to_path_buf()
    } else {
        std::env::current_dir()?.join(given)
    };
    let mut normal = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    Ok(normal)
}

/// rez's `canonical_path` of the absolute root (ENUM-3.1 step 3): symlinks resolved
/// (EDGE-2), lower-cased on Windows (unverified, EDGE-58).
fn canonical_root(normal: PathBuf) -> std::io::Result<PathBuf> {
    let canonical = std::fs::canonicalize(normal)?;
    #[cfg(windows)]
    let canonical = {
        // canonicalize returns a verbatim `\\?\C:\...` path; rez uses the plain form.
        let text = canonical.to_string_lossy().to_string();
        let plain = text.strip_prefix(r"\\?\").unwrap_or(&text).to_lowercase();
        PathBuf::from(plain)
    };
    Ok(canonical)
}

/// The error Python's `open()` raises for a directory (ENUM-3.2, EDGE-5).
fn is_a_directory() -> std::io::Error {
    #[cfg(unix)]
    return std::io::Error::from_raw_os_error(rustix::io::Errno::ISDIR.raw_os_error());
    #[cfg(not(unix))]
    return std::io::Error::new(std::io::ErrorKind::IsADirectory, "Is a directory");
}
