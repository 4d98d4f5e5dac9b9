//! Random repository trees: a plain-data description (`Case`), proptest
//! strategies producing it, and `materialize`, which builds it on disk.
//!
//! Names come from small pools so that the interesting interactions (a marker
//! next to the version it names, `dup/` next to `dup.py`, the lock dir, ...)
//! happen often, while trees stay small.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::sample::select;

use crate::model::ModelOptions;
use crate::record::show;

/// What kind of filesystem object an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A regular file.
    File,
    /// An (empty) directory.
    Dir,
    /// A symlink to a regular file outside the roots.
    LinkToFile,
    /// A symlink to a directory outside the roots.
    LinkToDir,
    /// A symlink to nothing.
    BrokenLink,
    /// A symlink to itself (`stat` fails with ELOOP).
    LoopLink,
    /// A symlink through a regular file (`stat` fails with ENOTDIR).
    NotDirLink,
    /// A named pipe (never in rez-safe trees).
    Fifo,
}

/// A named entry of a given node type.
#[derive(Clone, PartialEq, Eq)]
pub struct Entry {
    /// File name (raw bytes).
    pub name: Vec<u8>,
    /// Node type.
    pub node: Node,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}:{:?}", show(&self.name), self.node)
    }
}

/// An entry of a family directory.
#[derive(Clone, PartialEq, Eq)]
pub enum FamilyItem {
    /// A version directory with some package files (or a non-directory
    /// named like a version when `node` is not `Dir`).
    Version {
        /// Directory name.
        name: Vec<u8>,
        /// Node type of the version entry itself.
        node: Node,
        /// Entries inside the version dir (only for `Node::Dir`).
        files: Vec<Entry>,
    },
    /// A relative symlink `name -> target` to a sibling (which may not exist).
    VersionLink {
        /// Link name.
        name: Vec<u8>,
        /// Sibling name it points to.
        target: Vec<u8>,
    },
    /// A `.ignore<v>` / `.building<v>` marker, or any other loose entry
    /// (package files at family level, stray files).
    Loose(Entry),
}

impl std::fmt::Debug for FamilyItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FamilyItem::Version { name, node, files } => {
                write!(f, "V({:?}:{node:?} {files:?})", show(name))
            }
            FamilyItem::VersionLink { name, target } => {
                write!(f, "L({:?} -> {:?})", show(name), show(target))
            }
            FamilyItem::Loose(e) => write!(f, "{e:?}"),
        }
    }
}

/// An entry of a repository root.
#[derive(Clone, PartialEq, Eq)]
pub enum RootItem {
    /// A family directory.
    Family {
        /// Directory name.
        name: Vec<u8>,
        /// Its entries.
        items: Vec<FamilyItem>,
    },
    /// A relative symlink to a sibling root entry (which may not exist).
    Link {
        /// Link name.
        name: Vec<u8>,
        /// Sibling name it points to.
        target: Vec<u8>,
    },
    /// A combined-family candidate file, `versions` written into it.
    Combined {
        /// File name (`foo.py`, `x.yml`, ...).
        name: Vec<u8>,
        /// Node type (files hold `versions`; links point at such a file).
        node: Node,
        /// The `versions` list written, or none at all.
        versions: Option<Vec<&'static str>>,
    },
    /// `settings.yaml` at the root: `node`, and for a file (or a link to
    /// one) the content `SETTINGS[content]`.
    Settings {
        /// Node type.
        node: Node,
        /// Index into `SETTINGS`.
        content: usize,
    },
    /// Anything else: stray files, lock dirs.
    Loose(Entry),
}

/// `SETTINGS` labels where the scanner is known to disagree with rez (see
/// `tests/settings.rs`, which fails once one of them is fixed). Left out of
/// the random trees unless `PYRER_PROPTEST_KNOWN_BUGS=1`.
pub const KNOWN_SCANNER_BUGS: &[&str] = &[];

/// Whether to generate the cases of `KNOWN_SCANNER_BUGS` too.
pub fn known_bugs() -> bool {
    std::env::var_os("PYRER_PROPTEST_KNOWN_BUGS").is_some_and(|v| v != "0")
}

/// Indices into `SETTINGS` that random trees use.
fn settings_generated() -> Vec<usize> {
    (0..SETTINGS.len())
        .filter(|&i| known_bugs() || !KNOWN_SCANNER_BUGS.contains(&SETTINGS[i].0))
        .collect()
}

/// `settings.yaml` contents and whether rez 3.4.0 raises constructing the
/// repository (`local_settings.update(load_yaml(path))`). Outcomes were run
/// with the venv's rez 3.4.0 / PyYAML; the rez tier re-checks them.
pub const SETTINGS: &[(&str, &[u8], bool)] = &[
    ("mapping", b"disable_memcache: false\n", false),
    ("empty mapping", b"{}\n", false),
    ("document marker", b"---\na: 1\n", false),
    ("end marker", b"a: 1\n...\n", false),
    ("directive", b"%YAML 1.1\n---\na: 1\n", false),
    ("duplicate keys", b"a: 1\na: 2\n", false),
    ("crlf", b"a: 1\r\nb: 2\r\n", false),
    ("bom", b"\xef\xbb\xbfa: 1\n", false),
    ("set-like", b"? a\n? b\n", false),
    ("anchors", b"a: &x 1\nb: *x\n", false),
    ("list of pairs", b"- [a, b]\n", false),
    ("two-char strings", b"[ab, cd]\n", false),
    ("empty list", b"[]\n", false),
    ("empty string", b"''\n", false),
    ("empty", b"", true),
    ("comment only", b"# nothing\n", true),
    ("null", b"null\n", true),
    ("scalar", b"stray\n", true),
    ("python", b"name = 'x'\n", true),
    ("int", b"1\n", true),
    ("list of ints", b"[1, 2]\n", true),
    ("triples", b"- [a, b, c]\n", true),
    ("unclosed", b"key: [unclosed\n", true),
    ("tab", b"a:\n\t- x\n", true),
    ("two documents", b"a: 1\n---\nb: 2\n", true),
    ("not UTF-8", b"a: caf\xe9\n", true),
    ("YAML 1.1 bool in pair list", b"[on, ab]\n", true),
    ("YAML 1.1 bool NO in pair list", b"[NO, ab]\n", true),
    ("quoted on in pair list", b"['on', ab]\n", false),
    ("empty element", b"[[], ab]\n", true),
    ("unhashable pair key", b"- [[a], b]\n", true),
    ("pair from a mapping", b"- {a: 1, b: 2}\n", false),
    ("one-key mapping element", b"- {a: 1}\n", true),
    ("two non-ASCII chars", "[\u{e9}1]\n".as_bytes(), false),
    ("astral char pair", "[\u{1F600}a]\n".as_bytes(), false),
    ("complex key", b"? [a, b]\n: 1\n", true),
    ("flow complex key", b"{[a]: 1}\n", true),
    ("unknown tag at top", b"!foo {a: 1}\n", true),
    ("unknown tag nested", b"a: !foo 1\n", true),
    ("undefined alias", b"a: *x\n", true),
    ("bad indentation", b"a: 1\n b: 2\n", true),
    ("merge key", b"base: &b {x: 1}\nc:\n  <<: *b\n", false),
    ("set tag", b"!!set {a, b}\n", true),
    ("map tag", b"!!map {a: 1}\n", false),
    ("timestamp key", b"2001-01-01: 1\n", false),
    ("float key", b"1.5: a\n", false),
    ("null key", b"~: a\n", false),
    ("bool key", b"on: 1\n", false),
    ("binary value", b"a: !!binary aGk=\n", false),
    ("YAML 1.2 octal in pair list", b"[0o7, ab]\n", true),
    ("bare yes", b"yes\n", true),
    ("bool-only list", b"[No]\n", true),
    ("empty second document", b"a: 1\n...\n---\n", true),
    ("document marker only", b"---\n", true),
    ("ellipsis only", b"...\n", true),
    ("python tuple tag", b"!!python/tuple [ab, cd]\n", false),
    ("python none tag", b"!!python/none ''\n", true),
    ("str tag in pair list", b"[!!str 12, ab]\n", false),
    ("duplicate nested key", b"a: {b: 1, b: 2}\n", false),
    ("duplicate flow key", b"{a: 1, a: 2}\n", false),
    ("merge then duplicate", b"a: 1\n<<: {a: 2}\n", false),
];

impl std::fmt::Debug for RootItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RootItem::Family { name, items } => write!(f, "Family({:?} {items:?})", show(name)),
            RootItem::Link { name, target } => {
                write!(f, "Link({:?} -> {:?})", show(name), show(target))
            }
            RootItem::Combined {
                name,
                node,
                versions,
            } => write!(f, "Combined({:?}:{node:?} {versions:?})", show(name)),
            RootItem::Settings { node, content } => {
                write!(f, "Settings({node:?} {:?})", SETTINGS[*content].0)
            }
            RootItem::Loose(e) => write!(f, "{e:?}"),
        }
    }
}

/// One entry of the `paths` handed to the scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootSpec {
    /// A directory holding these entries.
    Tree(Vec<RootItem>),
    /// A path that does not exist.
    Missing,
    /// A regular file.
    RegularFile,
    /// A symlink to an earlier root (index taken modulo the position).
    LinkToRoot(usize),
    /// A broken symlink.
    BrokenLink,
    /// A symlink to itself.
    LoopLink,
    /// A path through a regular file (`targets/file.py/sub`).
    NotDir,
    /// An earlier root (index taken modulo the position), spelled differently.
    Alias(usize, Spelling),
}

/// How an `Alias` root spells the path of an earlier root `base/rN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// `base/./rN/`
    DotSlash,
    /// `base/nope/../rN`: `nope` does not exist (abspath removes it lexically,
    /// ENUM-3.1).
    MissingDotDot,
    /// `base/via/../rN`: `via` is a symlink to another directory (abspath
    /// removes it lexically, the kernel would not).
    LinkDotDot,
    /// Relative to the current directory.
    Relative,
}

/// A whole test case: roots and options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The roots, in `packages_path` order.
    pub roots: Vec<RootSpec>,
    /// The enumeration settings.
    pub options: ModelOptions,
}

// ---- strategies -------------------------------------------------------------------

fn bytes(names: &[&'static str]) -> impl Strategy<Value = Vec<u8>> {
    select(names.to_vec()).prop_map(|s| s.as_bytes().to_vec())
}

/// Family (directory) names: mostly valid, some invalid, one non-UTF-8
/// (ENUM-3.7, ENUM-3.8; EDGE-8, EDGE-9).
pub fn family_name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        10 => bytes(&["foo", "bar", "dup", "both", "a.b", "_u", "9lives", "locks", "nothere"]),
        2 => bytes(&[
            "bad-name", "a..b", "trail.", ".hidden", "__pycache__", "with space", "dirpy.py",
            "naïve", "settings.yaml", "pkg.tar", "Foo", "foo\n",
        ]),
        1 => Just(b"caf\xe9".to_vec()),
    ]
}

/// Version directory names: mostly plain versions, plus every oddity of
/// `docs/enumeration.md` ENUM-4 (EDGE-40, EDGE-46 to EDGE-50).
pub fn version_name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => bytes(&["1.0", "2.0", "1-0"]),
        3 => bytes(&[
            "_NO_VERSION", "package.py", "package.yaml", "custom.py", ".building",
            ".building2.0", "bad version!", "1.00", ".hidden", "new\nline", ".ignore",
        ]),
        1 => Just(b"4.0\xe9".to_vec()),
    ]
}

fn node(rez_safe: bool) -> impl Strategy<Value = Node> {
    let fifo = if rez_safe { 0 } else { 1 };
    prop_oneof![
        12 => Just(Node::File),
        2 => Just(Node::Dir),
        2 => Just(Node::LinkToFile),
        1 => Just(Node::LinkToDir),
        2 => Just(Node::BrokenLink),
        1 => Just(Node::LoopLink),
        1 => Just(Node::NotDirLink),
        fifo => Just(Node::Fifo),
    ]
}

/// Package-definition-ish files, inside a version dir or at family level.
fn package_file(rez_safe: bool) -> impl Strategy<Value = Entry> {
    (
        prop_oneof![
            8 => bytes(&["package.py", "package.yaml", "custom.py", "custom.yaml"]),
            1 => bytes(&["package.yml", "package.py.bak", "PACKAGE.PY"]),
        ],
        node(rez_safe),
    )
        .prop_map(|(name, node)| Entry { name, node })
}

fn marker(rez_safe: bool) -> impl Strategy<Value = Entry> {
    (
        select(vec![&b".ignore"[..], &b".building"[..]]),
        prop_oneof![6 => bytes(&["1.0", "2.0"]), 3 => version_name(), 1 => Just(Vec::new())],
        node(rez_safe),
    )
        .prop_map(|(prefix, version, node)| Entry {
            name: [prefix, &version[..]].concat(),
            node,
        })
}

fn family_item(rez_safe: bool) -> impl Strategy<Value = FamilyItem> {
    prop_oneof![
        8 => (
            version_name(),
            prop_oneof![10 => Just(Node::Dir), 1 => node(rez_safe)],
            prop_oneof![
                1 => Just(Vec::new()),
                4 => prop::collection::vec(package_file(rez_safe), 1..3),
            ],
        )
            .prop_map(|(name, node, files)| FamilyItem::Version { name, node, files }),
        1 => (version_name(), version_name())
            .prop_map(|(name, target)| FamilyItem::VersionLink { name, target }),
        4 => marker(rez_safe).prop_map(FamilyItem::Loose),
        2 => package_file(rez_safe).prop_map(FamilyItem::Loose),
        1 => (bytes(&["notes.txt", "plainfile"]), node(rez_safe))
            .prop_map(|(name, node)| FamilyItem::Loose(Entry { name, node })),
    ]
}

fn combined_versions() -> impl Strategy<Value = Option<Vec<&'static str>>> {
    prop_oneof![
        3 => prop::collection::vec(select(vec!["1.0", "2.0", "1-0", "3.1.4"]), 1..3).prop_map(Some),
        1 => Just(None),
        1 => Just(Some(Vec::new())),
    ]
}

fn root_item(rez_safe: bool) -> impl Strategy<Value = RootItem> {
    prop_oneof![
        10 => (family_name(), prop::collection::vec(family_item(rez_safe), 0..8))
            .prop_map(|(name, items)| RootItem::Family { name, items }),
        1 => (
            prop_oneof![
                3 => bytes(&["foo", "bar", "foolink", "dup", "locks", "a.b"]),
                1 => bytes(&["bad-name", ".hidden", "nothere"]),
            ],
            family_name(),
        )
            .prop_map(|(name, target)| RootItem::Link { name, target }),
        4 => (
            prop_oneof![
                6 => bytes(&["foo.py", "foo.yaml", "dup.py", "dup.yaml", "both.py", "both.yaml", "lnk.py"]),
                2 => bytes(&["pkg.tar.py", "bad-name.py", "x.yml", "UPPER.PY", ".py", "a..b.py", "__pycache__.py", "locks.py"]),
            ],
            node(rez_safe),
            combined_versions(),
        )
            .prop_map(|(name, node, versions)| RootItem::Combined { name, node, versions }),
        2 => (
            bytes(&["plainfile", "notes.txt", "locks", "nothere"]),
            prop_oneof![
                4 => Just(Node::File),
                1 => Just(Node::Dir),
                1 => Just(Node::BrokenLink),
                1 => Just(Node::LoopLink),
                1 => Just(Node::LinkToDir),
            ],
        )
            .prop_map(|(name, node)| RootItem::Loose(Entry { name, node })),
        2 => (
            prop_oneof![
                8 => Just(Node::File),
                2 => Just(Node::LinkToFile),
                1 => Just(Node::Dir),
                1 => Just(Node::LinkToDir),
                1 => Just(Node::BrokenLink),
                1 => Just(Node::LoopLink),
            ],
            prop_oneof![2 => Just(0usize), 3 => select(settings_generated())],
        )
            .prop_map(|(node, content)| RootItem::Settings { node, content }),
    ]
}

fn spellings() -> Vec<Spelling> {
    vec![
        Spelling::DotSlash,
        Spelling::MissingDotDot,
        Spelling::LinkDotDot,
        Spelling::Relative,
    ]
}

fn root_spec(rez_safe: bool) -> impl Strategy<Value = RootSpec> {
    prop_oneof![
        16 => prop::collection::vec(root_item(rez_safe), 0..7).prop_map(RootSpec::Tree),
        1 => Just(RootSpec::Missing),
        1 => Just(RootSpec::RegularFile),
        1 => (0..4usize).prop_map(RootSpec::LinkToRoot),
        1 => Just(RootSpec::BrokenLink),
        1 => Just(RootSpec::LoopLink),
        1 => Just(RootSpec::NotDir),
        2 => (
            0..4usize,
            select(spellings()),
        )
            .prop_map(|(j, s)| RootSpec::Alias(j, s)),
    ]
}

/// Random enumeration settings (never an invalid lock dir).
pub fn options() -> impl Strategy<Value = ModelOptions> {
    (
        any::<bool>(),
        select(vec![
            vec!["package"],
            vec!["custom", "package"],
            vec!["package", "custom"],
            vec![],
        ]),
        prop_oneof![3 => Just(true), 1 => Just(false)],
        prop_oneof![3 => Just(false), 1 => Just(true)],
        // `lnk.py` makes the "lock dir must exist" rule observable: a broken
        // link `lnk.py` is a combined family unless reserved.
        select(vec![None, Some("locks"), Some("nothere"), Some("lnk.py")]),
    )
        .prop_map(
            |(check, filenames, unversioned, disable_ignore, lock)| ModelOptions {
                check_package_definition_files: check,
                package_filenames: filenames.into_iter().map(String::from).collect(),
                allow_unversioned_packages: unversioned,
                disable_pkg_ignore: disable_ignore,
                file_lock_dir: lock.map(String::from),
            },
        )
}

/// A whole case with `roots` roots. `rez_safe` leaves out FIFOs (rez would
/// block on one as soon as anything opens it; `tools/rez_enumerate.py` never
/// loads combined files, so broken or version-less ones are fine).
pub fn case(roots: std::ops::Range<usize>, rez_safe: bool) -> impl Strategy<Value = Case> {
    (prop::collection::vec(root_spec(rez_safe), roots), options())
        .prop_map(|(roots, options)| Case { roots, options })
}

// ---- materialisation ----------------------------------------------------------------

fn os(bytes: &[u8]) -> &OsStr {
    OsStr::from_bytes(bytes)
}

/// Fixed targets outside the roots, for the link nodes.
struct Targets {
    file: PathBuf,
    dir: PathBuf,
    missing: PathBuf,
    combo_py: PathBuf,
    combo_yaml: PathBuf,
}

fn mkfifo(path: &Path) -> io::Result<()> {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: `c` is a valid NUL-terminated path.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o644) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Creates `path` as `node` unless something is already there. Returns
/// whether it was created.
fn create(path: &Path, node: Node, file_content: &str, t: &Targets) -> io::Result<bool> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    match node {
        Node::File => fs::write(path, file_content)?,
        Node::Dir => fs::create_dir(path)?,
        Node::LinkToFile => symlink(&t.file, path)?,
        Node::LinkToDir => symlink(&t.dir, path)?,
        Node::BrokenLink => symlink(&t.missing, path)?,
        Node::LoopLink => symlink(path.file_name().unwrap(), path)?,
        Node::NotDirLink => symlink(t.file.join("sub"), path)?,
        Node::Fifo => mkfifo(path)?,
    }
    Ok(true)
}

fn combined_content(name: &[u8], versions: &Option<Vec<&'static str>>) -> String {
    let yaml = name.ends_with(b".yaml") || name.ends_with(b".yml");
    let list = versions.as_ref().map(|vs| {
        vs.iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    match (yaml, list) {
        (false, Some(list)) => format!("versions = [{list}]\n"),
        (false, None) => "description = 'no versions'\n".to_string(),
        (true, Some(list)) => format!("versions: [{list}]\n"),
        (true, None) => "description: no versions\n".to_string(),
    }
}

fn materialize_tree(dir: &Path, items: &[RootItem], t: &Targets) -> io::Result<()> {
    fs::create_dir(dir)?;
    for item in items {
        match item {
            RootItem::Family { name, items } => {
                let fam = dir.join(os(name));
                if !create(&fam, Node::Dir, "", t)? {
                    continue;
                }
                for item in items {
                    match item {
                        FamilyItem::Version { name, node, files } => {
                            let ver = fam.join(os(name));
                            if create(&ver, *node, "name = 'stray'\n", t)? && *node == Node::Dir {
                                for f in files {
                                    create(&ver.join(os(&f.name)), f.node, "name = 'x'\n", t)?;
                                }
                            }
                        }
                        FamilyItem::VersionLink { name, target } => {
                            let link = fam.join(os(name));
                            if fs::symlink_metadata(&link).is_err() {
                                symlink(os(target), &link)?;
                            }
                        }
                        FamilyItem::Loose(e) => {
                            create(&fam.join(os(&e.name)), e.node, "name = 'x'\n", t)?;
                        }
                    }
                }
            }
            RootItem::Link { name, target } => {
                let link = dir.join(os(name));
                if fs::symlink_metadata(&link).is_err() {
                    symlink(os(target), &link)?;
                }
            }
            RootItem::Combined {
                name,
                node,
                versions,
            } => {
                let path = dir.join(os(name));
                match node {
                    // Links to a file holding versions, so that rez can load them.
                    Node::LinkToFile => {
                        if fs::symlink_metadata(&path).is_err() {
                            let target = if name.ends_with(b".yaml") {
                                &t.combo_yaml
                            } else {
                                &t.combo_py
                            };
                            symlink(target, &path)?;
                        }
                    }
                    _ => {
                        create(&path, *node, &combined_content(name, versions), t)?;
                    }
                }
            }
            RootItem::Settings { node, content } => {
                let path = dir.join("settings.yaml");
                if fs::symlink_metadata(&path).is_ok() {
                    continue;
                }
                let bytes = SETTINGS[*content].1;
                match node {
                    Node::File => fs::write(&path, bytes)?,
                    Node::LinkToFile => {
                        let target = t
                            .dir
                            .parent()
                            .unwrap()
                            .join(format!("settings{content}.yaml"));
                        if fs::symlink_metadata(&target).is_err() {
                            fs::write(&target, bytes)?;
                        }
                        symlink(&target, &path)?;
                    }
                    node => {
                        create(&path, *node, "", t)?;
                    }
                }
            }
            RootItem::Loose(e) => {
                create(&dir.join(os(&e.name)), e.node, "stray\n", t)?;
            }
        }
    }
    Ok(())
}

/// Builds `case` under `base` (an empty directory) and returns the root paths
/// to hand to the scanner, in order.
pub fn materialize(case: &Case, base: &Path) -> io::Result<Vec<PathBuf>> {
    let tdir = base.join("targets");
    fs::create_dir(&tdir)?;
    let t = Targets {
        file: tdir.join("file.py"),
        dir: tdir.join("dir"),
        missing: tdir.join("missing"),
        combo_py: tdir.join("combo.py"),
        combo_yaml: tdir.join("combo.yaml"),
    };
    fs::write(&t.file, "name = 'target'\n")?;
    fs::create_dir(&t.dir)?;
    fs::write(t.dir.join("package.py"), "name = 'target'\n")?;
    fs::write(&t.combo_py, "versions = ['5.0', '6.0']\n")?;
    fs::write(&t.combo_yaml, "versions: ['5.0']\n")?;
    // `via` -> targets/dir, so `base/via/../rN` means `base/rN` to abspath
    // but `base/targets/rN` to the kernel.
    symlink(&t.dir, base.join("via"))?;

    let mut paths = Vec::new();
    for (i, spec) in case.roots.iter().enumerate() {
        let path = base.join(format!("r{i}"));
        let earlier = |j: usize| (i > 0).then(|| base.join(format!("r{}", j % i)));
        match spec {
            RootSpec::Tree(items) => materialize_tree(&path, items, &t)?,
            RootSpec::Missing => {}
            RootSpec::RegularFile => fs::write(&path, "not a repository\n")?,
            RootSpec::BrokenLink => symlink(&t.missing, &path)?,
            RootSpec::LoopLink => symlink(path.file_name().unwrap(), &path)?,
            RootSpec::NotDir => {
                paths.push(t.file.join("sub"));
                continue;
            }
            RootSpec::LinkToRoot(j) => {
                if let Some(target) = earlier(*j) {
                    symlink(target, &path)?;
                }
            }
            RootSpec::Alias(j, spelling) => {
                if let Some(target) = earlier(*j) {
                    let name = target.file_name().unwrap().to_str().unwrap();
                    let base_str = base.to_str().expect("UTF-8 temp dir");
                    let spelled = match spelling {
                        Spelling::DotSlash => format!("{base_str}/./{name}/"),
                        Spelling::MissingDotDot => format!("{base_str}/nope/../{name}"),
                        Spelling::LinkDotDot => format!("{base_str}/via/../{name}"),
                        Spelling::Relative => {
                            let cwd = std::env::current_dir()?;
                            let ups = "../".repeat(cwd.components().count() - 1);
                            format!("{ups}{}/{name}", base_str.trim_start_matches('/'))
                        }
                    };
                    paths.push(PathBuf::from(spelled));
                    continue;
                }
            }
        }
        paths.push(path);
    }
    Ok(paths)
}
