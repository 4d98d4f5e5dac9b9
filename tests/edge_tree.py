"""Builds edge-case rez package repositories from the edge-case table of
docs/enumeration.md (ENUM-14, rows EDGE-1 to EDGE-57b).

Used by ``tests/test_differential_*.py`` (through tests/conftest.py); also runnable by hand::

    python tests/edge_tree.py DIR              # builds the main roots, prints them as JSON
    python tests/edge_tree.py DIR --permissions  # builds the permission roots (chmods applied)

Every buildable row of that table is built. Rows that conflict with each other
live in separate small roots (a ``settings.yaml`` directory or bad YAML breaks a
whole root; root-level permission rows change what the whole root shows).

Rows that cannot be built as a tree, and what covers them instead:

* EDGE-3 (``@`` in a root path) is a *packages_path parsing* rule: the tree has a
  root named ``at@root``; the dumper passes ``filesystem@ROOT`` so rez accepts it
  (without the prefix rez raises ``RezPluginError`` - a rez API quirk, not an
  on-disk situation the scanner could mirror).
* EDGE-7 (``file_lock_dir='/abs'``) is an option value, not a tree: tested by
  ``test_invalid_lock_dir`` against the main root.
* EDGE-56 (ordering) is not a tree property: the harness compares *sets*
  (rez's default-mode version order depends on ``PYTHONHASHSEED``, ENUM-9.1).
* EDGE-57 / EDGE-57b (config override timing/order) are rez config-API behaviour:
  the dumper applies overrides in the required order before constructing any
  repository; ``test_rez_override_quirks`` checks that rez still behaves as
  ENUM-2.2 / ENUM-2.3 say, and the combined-flags modes would expose a lost override.
* EDGE-58 (Windows case handling, macOS case-insensitive volumes, memcached
  staleness) needs another OS / a memcached server: not buildable here.
* EDGE-52 to EDGE-55 (permissions) only mean something for a non-root user:
  they are built by ``build_permission_roots`` and run as ``nobody`` by the test.
* the ``get_package_family`` remarks of EDGE-1, EDGE-4, EDGE-6, EDGE-13, EDGE-14,
  EDGE-16 and EDGE-17 (lookup by name, ENUM-7) are not listing: the listing modes
  compare only the listing half, and ``test_lookup_by_name`` compares the lookups.

Everything is created with the process umask (0022 expected), so the trees are
readable by other users unless a row chmods something on purpose.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Union

PathLike = Union[str, bytes, Path]

# ---------------------------------------------------------------------------
# small helpers working on str or bytes paths (non-UTF-8 names need bytes)


def _b(p: PathLike) -> bytes:
    return os.fsencode(p)


def _join(*parts: PathLike) -> bytes:
    return os.path.join(*[_b(p) for p in parts])


def mkdir(*parts: PathLike) -> bytes:
    path = _join(*parts)
    os.makedirs(path, exist_ok=True)
    return path


def write(*parts: PathLike, text: str = "") -> bytes:
    path = _join(*parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def symlink(target: PathLike, *parts: PathLike) -> bytes:
    path = _join(*parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(_b(target), path)
    return path


def fifo(*parts: PathLike) -> bytes:
    path = _join(*parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.mkfifo(path)
    return path


def pkg(*parts: PathLike, name: str = "x", version: str = "0") -> bytes:
    """A package.py (never executed by either side)."""
    return write(*parts, "package.py",
                 text="name = %r\nversion = %r\n" % (name, version))


def pkg_yaml(*parts: PathLike) -> bytes:
    return write(*parts, "package.yaml", text="name: x\nversion: '0'\n")


def _root(base: PathLike, name: PathLike) -> bytes:
    return mkdir(base, name)


# ---------------------------------------------------------------------------
# the main roots


def build_main(root: PathLike) -> None:
    """One big root holding every row that does not break the whole root."""
    r = _b(root)

    # EDGE-4: settings.yaml (a valid mapping) at the root: loaded, not a family
    write(r, "settings.yaml", text="disable_memcache: true\n")

    # EDGE-6: lock dir `locks` (a family-looking dir; reserved only with --file-lock-dir locks)
    pkg(r, "locks", "1.0")

    # EDGE-8: not families (dirs with a valid-looking package inside)
    for bad in (".hidden", "a..b", "trail.", "bad-name", "with space",
                "naïve", "__pycache__", b"caf\xe9", "-dash", "ünï"):
        pkg(r, bad, "1.0")
    # ... and their combined-file forms
    for bad in (".hidden.py", "__pycache__.py", b"caf\xe9.py", "naïve.py",
                "a..b.py", "trail..py", "with space.yaml"):
        write(r, bad, text="name = 'bad'\n")

    # EDGE-9: valid dir families
    for good in ("a.b", "_under", "9lives", "dirpy.py", "_", "A_1.b2"):
        pkg(r, good, "1.0")
    # a dir family named like a yaml file, via a symlink to a dir
    symlink("dirpy.py", r, "dirlink.yaml")
    # a `.py` symlink that points to a dir: isdir follows it -> dir family `famfile2.py`
    symlink("dirpy.py", r, "famfile2.py")

    # EDGE-10: ignored root entries
    write(r, "plainfile", text="x\n")
    write(r, "notes.txt", text="x\n")
    write(r, "UPPER.PY", text="x\n")
    write(r, ".py", text="x\n")
    write(r, "bad-combo.py", text="x\n")
    write(r, "x.yml", text="versions: ['1.0']\n")
    write(r, "a..py", text="x\n")
    symlink("plainfile", r, "famfile")        # link to a file, no extension

    # EDGE-11: combined families (never loaded by either side)
    write(r, "combo.py", text="name = 'combo'\nversions = ['1.0', '2.0']\n")
    write(r, "comboy.yaml", text="name: comboy\nversions: ['1.0', '1.1']\n")
    # EDGE-12
    write(r, "pkg.tar.py", text="versions = ['1.0']\n")
    # EDGE-13
    write(r, "both.py", text="versions = ['1.0']\n")
    write(r, "both.yaml", text="versions: ['2.0']\n")
    # EDGE-14
    pkg(r, "dup", "1.0")
    write(r, "dup.py", text="versions = ['9.0']\n")
    # EDGE-15
    write(r, "unvcombo.py", text="name = 'unvcombo'\n")
    write(r, "unvcomboe.yaml", text="name: unvcomboe\nversions: []\n")
    # EDGE-15b
    write(r, "badver.yaml", text="name: badver\nversions: [3.0]\n")
    # EDGE-16: broken link
    symlink("does-not-exist.py", r, "brk.py")
    # EDGE-17: FIFO (neither side opens it)
    fifo(r, "fifo.py")
    # ENUM-6.5: a symlink to a combined file is its own family
    symlink("combo.py", r, "lnk.py")
    # symlink loops at root level: `loopfam` ignored, `looppy.py` a combined family
    symlink("loopfam", r, "loopfam")
    symlink("looppy.py", r, "looppy.py")

    # -- dir families ---------------------------------------------------------

    # EDGE-51 (+ the basic case): file contents never decide name/version
    pkg(r, "foo", "1.0", name="other", version="9.9")
    pkg(r, "foo", "2.1")
    # EDGE-43: version symlink 2.2 -> 1.0
    symlink("1.0", r, "foo", "2.2")
    # EDGE-44: broken version symlink
    symlink("nowhere", r, "foo", "2.3")
    # EDGE-18: symlink family foolink -> foo
    symlink("foo", r, "foolink")
    # EDGE-19: broken symlink family
    symlink("no-such-family", r, "brokenfam")
    # EDGE-20: empty family
    mkdir(r, "empty")

    # EDGE-21/EDGE-22: unversioned file plus a version dir
    pkg(r, "unvfam")
    pkg(r, "unvfam", "1.0")
    # EDGE-22: only package.py (0 packages with unversioned off)
    pkg(r, "onlypkg")
    # EDGE-23: package.yaml unversioned
    pkg_yaml(r, "unvyaml")
    # package.py + package.yaml: py wins for the unversioned file too
    pkg(r, "unvboth")
    pkg_yaml(r, "unvboth")
    # EDGE-24: package.py is a directory (empty) / a dir holding a package.py
    mkdir(r, "pkgdir", "package.py")
    pkg(r, "pkgdir2", "package.py")
    # unversioned package.py that is a symlink to a file / a broken link / a FIFO
    pkg(r, "unvlink", "1.0")
    symlink("1.0/package.py", r, "unvlink", "package.py")
    pkg(r, "unvbroken", "1.0")
    symlink("nothing.py", r, "unvbroken", "package.py")
    pkg(r, "unvfifo", "1.0")
    fifo(r, "unvfifo", "package.py")
    pkg(r, "unvloop", "1.0")
    symlink("package.py", r, "unvloop", "package.py")         # package.py link loop
    # package_filenames stems with a separator (--package-filenames sub/pkg,... / ../package)
    write(r, "stemfam", "sub", "pkg.py")                      # unversioned via sub/pkg.py
    write(r, "stemfam2", "1.0", "sub", "pkg.yaml")
    pkg(r, "stemfam2", "1.1")
    write(r, "stemfam3", "package.py")                        # ../package from 1.0 finds this
    mkdir(r, "stemfam3", "1.0")
    # EDGE-25: custom.py unversioned (with --package-filenames custom[,package])
    write(r, "customunv", "custom.py", text="name = 'customunv'\n")
    pkg(r, "customunv", "1.0")
    write(r, "customunv", "2.0", "custom.yaml", text="name: customunv\n")

    # EDGE-26 to EDGE-29, EDGE-45: package-file resolution
    f = mkdir(r, "files")
    pkg_yaml(f, "1.1")                                  # EDGE-26
    pkg(f, "1.2"); pkg_yaml(f, "1.2")                   # EDGE-27
    pkg(f, "1.0"); write(f, "1.0", "custom.yaml")       # EDGE-28
    mkdir(f, "1.3")                                     # EDGE-29
    pkg(f, "2.0")
    symlink("../2.0/package.py", f, "2.8", "package.py")  # EDGE-45: link to a file
    symlink("gone.py", f, "2.9", "package.py")            # EDGE-45: broken link
    mkdir(f, "2.4", "package.py")                         # EDGE-45: dir
    write(f, "2.5", "package.py.bak")                     # EDGE-45: .bak only
    fifo(f, "2.10", "package.py")                         # FIFO package file
    symlink("../1.3", f, "2.12", "package.py")            # link to a dir
    write(f, "2.13", "package.yml")                       # .yml never counts
    write(f, "2.14", "custom.py")                         # EDGE-39-like (custom only)
    write(f, "2.15", "custom.yaml"); pkg_yaml(f, "2.15")  # custom.yaml vs package.yaml

    # EDGE-30 to EDGE-40: .ignore / .building markers
    m = mkdir(r, "marks")
    write(m, ".ignore1.4"); pkg(m, "1.4")                       # EDGE-30
    mkdir(m, ".ignore1.5"); pkg(m, "1.5")                       # EDGE-31 dir
    symlink("nothing", m, ".ignore1.5b"); pkg(m, "1.5b")        # EDGE-31 broken link
    write(m, "target-file"); symlink("target-file", m, ".ignore1.6"); pkg(m, "1.6")  # EDGE-32
    write(m, ".building1.7"); mkdir(m, "1.7")                   # EDGE-33
    write(m, ".building1.8"); pkg(m, "1.8")                     # EDGE-34
    write(m, ".building1.9")                                    # EDGE-35
    symlink("nothing", m, ".building3.0"); mkdir(m, "3.0")      # EDGE-36
    write(m, ".ignore3.1"); write(m, ".building3.1"); pkg(m, "3.1")  # EDGE-37
    write(m, ".building2.7"); write(m, "2.7", "custom.py")      # EDGE-38
    write(m, "2.6", "custom.py")                                # EDGE-39
    pkg(m, ".building2.0"); mkdir(m, "2.0")                     # EDGE-40 (dir marker + empty 2.0)
    mkdir(m, ".building")                                       # EDGE-40
    mkdir(m, ".building5.0"); write(m, ".ignore.building5.0")   # ignored .building dir
    pkg(m, ".building5.1"); pkg(m, "5.1")                       # dir marker, valid 5.1
    write(m, ".building5.2"); write(m, "5.2", "package.yaml")   # marker, yaml satisfies it
    write(m, ".building5.3"); pkg(m, "5.3"); write(m, ".ignore5.3")  # marker + ignore
    write(m, ".building5.4"); mkdir(m, "5.4", "package.py")     # marker, package.py is a dir
    write(m, ".ignore5.5"); symlink("1.4", m, "5.5")            # ignored symlinked version
    mkdir(m, ".ignore5.6", "package.py"); pkg(m, "5.6")         # .ignore dir w/ content
    fifo(m, ".ignore5.7"); pkg(m, "5.7")                        # FIFO ignore marker
    symlink(".ignore1.4", m, ".ignore5.8"); pkg(m, "5.8")       # ignore link to ignore file
    m2 = mkdir(r, "marks2")
    write(m2, ".building"); pkg(m2, "1.0")                      # plain `.building` file
    symlink(".ignore2.0", m2, ".ignore2.0"); pkg(m2, "2.0")     # ignore marker link loop
    write(m2, ".ignore"); mkdir(m2, ".ignore.hidden")           # `.ignore` for version ''

    # EDGE-41 to EDGE-50: misc version dirs
    x = mkdir(r, "misc")
    pkg(x, ".hidden")                                          # EDGE-41
    write(x, "README", text="x\n")                             # EDGE-42
    pkg(x, "bad version!")                                     # EDGE-46
    pkg(x, b"4.0\xe9")                                         # EDGE-47
    mkdir(x, b"4.1\xe9")                                       # EDGE-47 (no file)
    pkg(x, "1.0"); pkg(x, "1.00")                              # EDGE-49
    pkg(x, "1-0")                                              # EDGE-50
    pkg(x, "package.py")                                       # dir named package.py
    pkg(x, "5.0é")                                             # valid UTF-8, non-ASCII
    pkg(x, '6.0"q'); pkg(x, "6.1\\b"); pkg(x, "6.2\n"); pkg(x, "6.3\t")  # JSON escaping
    symlink("loop", x, "loop")                                 # ELOOP version
    symlink("README", x, "2.11")                               # version link to a file
    symlink("../foo/1.0", x, "7.0")                            # version link to another family

    # EDGE-48: _NO_VERSION
    pkg(r, "nover", "_NO_VERSION")
    pkg(r, "nover", "1.0")
    # _NO_VERSION plus a family-level package.py (seen with --no-allow-unversioned)
    pkg(r, "nover2")
    pkg(r, "nover2", "_NO_VERSION")
    pkg(r, "nover2", "1.0")
    # empty _NO_VERSION (default mode surfaces it, file None)
    mkdir(r, "nover3", "_NO_VERSION")
    # _NO_VERSION holding only custom.py; family has custom.yaml
    write(r, "nover4", "_NO_VERSION", "custom.py")
    write(r, "nover4", "custom.yaml")
    write(r, "nover4", "_NO_VERSION", "package.yaml")
    # .ignore_NO_VERSION hides it
    pkg(r, "nover5", "_NO_VERSION"); write(r, "nover5", ".ignore_NO_VERSION")


def build_main_roots(base: PathLike) -> dict[str, bytes]:
    """All roots that need no special user. Returns name -> absolute root path (bytes).

    The order of the returned dict is the order the test passes the roots in.
    """
    base = os.path.abspath(_b(base))
    roots: dict[str, bytes] = {}

    roots["main"] = _root(base, "main")
    build_main(roots["main"])

    # EDGE-1: missing / regular file / broken link
    roots["missing"] = _join(base, "missing-root")
    roots["file_root"] = write(base, "file-root", text="not a dir\n")
    roots["broken_root"] = symlink(_join(base, "nowhere"), base, "broken-root")

    # EDGE-2: symlinked root (paths must show the target)
    roots["link_root"] = symlink(_join(base, "main"), base, "link-root")

    # EDGE-3: '@' in the root path
    roots["at_root"] = _root(base, "at@root")
    pkg(roots["at_root"], "atfam", "1.0")

    # EDGE-5: settings.yaml that breaks the root (each alone)
    for name, make in (
        ("settings_dir", lambda r: mkdir(r, "settings.yaml")),
        ("settings_bad_yaml", lambda r: write(r, "settings.yaml", text="a: [1, 2\n  b: }\n")),
        ("settings_empty", lambda r: write(r, "settings.yaml", text="")),
        ("settings_list", lambda r: write(r, "settings.yaml", text="- a\n- b\n")),
        ("settings_dirlink", lambda r: (mkdir(r, "realdir"),
                                        symlink("realdir", r, "settings.yaml"))),
    ):
        r = _root(base, name)
        make(r)
        pkg(r, "fam", "1.0")
        write(r, "comb.py", text="versions = ['1.0']\n")
        roots[name] = r
    # settings.yaml as a broken link: `exists` is False, so nothing breaks
    r = roots["settings_brokenlink"] = _root(base, "settings_brokenlink")
    symlink("no-settings", r, "settings.yaml")
    pkg(r, "fam", "1.0")

    # EDGE-6: the lock dir is a regular file (still reserved: `exists`)
    r = roots["lockfile"] = _root(base, "lockfile")
    write(r, "locks", text="")
    write(r, "locks.py", text="versions = ['1.0']\n")
    pkg(r, "fam", "1.0")
    # the lock dir is a broken link (`exists` is False: nothing reserved)
    r = roots["lockbroken"] = _root(base, "lockbroken")
    symlink("nothing", r, "locks")
    pkg(r, "fam", "1.0")

    # EDGE-2: a small root for `x/..` roots (cwd = this root)
    r = roots["dotdot"] = _root(base, "dotdot")
    pkg(r, "fam", "1.0")
    write(r, "file", text="")
    symlink("nowhere", r, "brokenlink")
    symlink("../at@root/atfam", r, "linkaway")   # a link to a dir elsewhere

    # empty root
    roots["empty_root"] = _root(base, "empty-root")

    # a root whose own path is not UTF-8
    r = roots["nonutf8_root"] = _root(base, b"root-\xff\xfe")
    pkg(r, "fam", b"1.\xff")
    write(r, "comb.yaml", text="versions: ['1.0']\n")

    return roots


# ---------------------------------------------------------------------------
# permission roots (EDGE-52 to EDGE-55): meaningful only for a non-root user


def build_permission_roots(base: PathLike) -> dict[str, bytes]:
    """Builds the permission rows and applies the chmods. Returns name -> root.

    Root (uid 0) ignores these modes; run the tools as an unprivileged user.
    """
    base = os.path.abspath(_b(base))
    roots: dict[str, bytes] = {}
    chmods: list[tuple[bytes, int]] = []

    r = roots["perm_main"] = _root(base, "perm_main")
    # EDGE-52: family dir not listable
    pkg(r, "fam000", "1.0"); chmods.append((_join(r, "fam000"), 0o000))
    pkg(r, "fam311", "1.0"); chmods.append((_join(r, "fam311"), 0o311))
    # 311 family with an unversioned package.py: isfile works without listing
    pkg(r, "fam311unv"); pkg(r, "fam311unv", "1.0")
    chmods.append((_join(r, "fam311unv"), 0o311))
    # 000 family with package.py: isfile fails silently, then listdir raises
    pkg(r, "fam000unv"); chmods.append((_join(r, "fam000unv"), 0o000))
    # EDGE-53: version dirs not readable
    v = mkdir(r, "vers")
    pkg(v, "1.0"); chmods.append((_join(v, "1.0"), 0o000))      # D: path None; C: skipped
    pkg(v, "1.1"); chmods.append((_join(v, "1.1"), 0o311))      # stat works: file found
    pkg(v, "1.2"); chmods.append((_join(v, "1.2", "package.py"), 0o000))  # unreadable file: still a file
    pkg(v, "1.3")
    pkg(v, "1.6"); chmods.append((_join(v, "1.6"), 0o644))      # listable, not searchable
    write(v, ".building1.4"); pkg(v, "1.4"); chmods.append((_join(v, "1.4"), 0o000))  # marker + 000
    symlink("../fam000/1.0", v, "2.0")   # version link into an unlistable family
    # an ignore marker inside an untraversable dir, via a link
    pkg(v, "1.5"); symlink("../fam000/x", v, ".ignore1.5")
    # unreadable combined file (never loaded)
    write(r, "combo.py", text="versions = ['1.0']\n"); chmods.append((_join(r, "combo.py"), 0o000))
    # root-level links into an untraversable dir: isdir fails silently
    symlink("fam000/1.0", r, "linkinto.py")      # -> combined family `linkinto`
    symlink("fam000/1.0", r, "linkinto2")        # -> nothing
    # _NO_VERSION dir that cannot be read
    pkg(r, "nover", "_NO_VERSION"); chmods.append((_join(r, "nover", "_NO_VERSION"), 0o000))

    # EDGE-52 x EDGE-55: a 644 family (listable, not searchable): every isdir/isfile
    # inside fails silently, so rez sees no versions, no unversioned package, no error
    rr = roots["perm_fam644"] = _root(base, "perm_fam644")
    pkg(rr, "fam644", "1.0"); chmods.append((_join(rr, "fam644"), 0o644))
    pkg(rr, "fam644unv"); pkg(rr, "fam644unv", "1.0")
    chmods.append((_join(rr, "fam644unv"), 0o644))
    pkg(rr, "ok", "1.0")

    # EDGE-54: root 000 / 311
    for name, mode in (("perm_root000", 0o000), ("perm_root311", 0o311)):
        rr = roots[name] = _root(base, name)
        pkg(rr, "fam", "1.0")
        write(rr, "comb.py", text="versions = ['1.0']\n")
        chmods.append((rr, mode))

    # EDGE-55: root 644 (readable, not searchable): dirs vanish, *.py / *.yaml are combined
    rr = roots["perm_root644"] = _root(base, "perm_root644")
    pkg(rr, "fam", "1.0")
    write(rr, "comb.py", text="versions = ['1.0']\n")
    write(rr, "comby.yaml", text="versions: ['1.0']\n")
    symlink("comb.py", rr, "lnk.py")
    write(rr, "plain", text="")
    chmods.append((rr, 0o644))

    # EDGE-55 x EDGE-9: a DIRECTORY named `dirpy.py` in a 644 root (isdir fails -> combined `dirpy`)
    rr = roots["perm_root644_dirpy"] = _root(base, "perm_root644_dirpy")
    pkg(rr, "dirpy.py", "1.0")
    chmods.append((rr, 0o644))

    # EDGE-55 x EDGE-4: settings.yaml in a 644 root (`exists` is False: not loaded)
    rr = roots["perm_root644_settings"] = _root(base, "perm_root644_settings")
    write(rr, "settings.yaml", text="disable_memcache: true\n")
    write(rr, "comb.py", text="versions = ['1.0']\n")
    chmods.append((rr, 0o644))

    # EDGE-5 x EDGE-52: unreadable settings.yaml (construction raises PermissionError)
    rr = roots["perm_settings"] = _root(base, "perm_settings")
    write(rr, "settings.yaml", text="disable_memcache: true\n")
    chmods.append((_join(rr, "settings.yaml"), 0o000))
    pkg(rr, "fam", "1.0")

    # deepest first so parents stay traversable while we chmod
    for path, mode in sorted(chmods, key=lambda pm: -len(pm[0])):
        os.chmod(path, mode)
    return roots


def restore_permissions(base: PathLike) -> None:
    """Makes every dir under ``base`` traversable again (for cleanup as non-root)."""
    base = _b(base)
    for dirpath, dirnames, filenames in os.walk(base):
        for d in dirnames:
            p = os.path.join(dirpath, d)
            if not os.path.islink(p):
                os.chmod(p, 0o755)
    # walk may have skipped dirs it could not list on the first pass
    for dirpath, dirnames, filenames in os.walk(base):
        for d in dirnames:
            p = os.path.join(dirpath, d)
            if not os.path.islink(p):
                os.chmod(p, 0o755)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    base = argv[0]
    os.makedirs(base, exist_ok=True)
    if "--permissions" in argv[1:]:
        roots = build_permission_roots(base)
    else:
        roots = build_main_roots(base)
    print(json.dumps({k: os.fsdecode(v) for k, v in roots.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
