#!/usr/bin/env python3
"""rez-side reference dumper: enumerate rez package repositories with rez 3.4.0 itself.

This is the *reference* the scanner (``target/release/examples/scan --json``) is
compared against. It drives rez's real filesystem repository plugin
(``rezplugins.package_repository.filesystem``) through its public machinery and
prints what rez surfaces, in the scanner's JSON-lines schema. The rules it
exercises are written down in ``docs/enumeration.md`` (the loop below is its
ENUM-10.1).

Usage (stable interface; other tools depend on it)::

    PYTHON tools/rez_enumerate.py [--check-package-files] [--package-filenames a,b]
                                  [--no-allow-unversioned] [--disable-pkg-ignore]
                                  [--file-lock-dir NAME]
                                  [--families a,b] [--list-families] ROOT...

``PYTHON`` must be able to ``import rez`` (3.4.0), e.g. ``.venv/bin/python``
(created by ``tools/venv.sh``).

Options (same names and meaning as the scan example's):

``--check-package-files``
    ``plugins.package_repository.filesystem.check_package_definition_files = True``
``--package-filenames a,b``
    ``plugins.package_repository.filesystem.package_filenames = ["a", "b"]``
    (comma list; empty items are dropped)
``--no-allow-unversioned``
    ``allow_unversioned_packages = False`` (top-level setting)
``--disable-pkg-ignore``
    the repository is constructed directly as
    ``FileSystemPackageRepository(abspath(ROOT), pool, disable_pkg_ignore=True)``
``--file-lock-dir NAME``
    ``plugins.package_repository.filesystem.file_lock_dir = NAME``
``--families a,b``
    look these families up by name (``repo.get_package_family(name)``, what a
    resolve does) instead of listing them (``repo.iter_package_families()``)
``--list-families``
    print one record per family instead of the packages: ``kind: "family"``,
    ``version: null``, ``format`` null for a directory family (``path`` is its
    directory) or the extension of a combined one (``path`` is its file)

Each ``ROOT`` is used like a ``packages_path`` entry: it is passed to
``package_repository_manager.get_repository("filesystem@" + ROOT)`` (the explicit
``filesystem@`` prefix makes roots containing ``@`` work; rez then applies
``abspath`` and its own ``realpath`` canonicalisation: ENUM-3.1, EDGE-2, EDGE-3).
``""`` means the current directory, relative roots are relative to the current
directory.

Output: JSON lines on stdout, one object per line, sorted deterministically
(all package records first, sorted by (root, family, version, kind, path, format);
then all error records, sorted by (root, family, type, message)).

Package record (identical to the scanner's ``--json`` records)::

    {"root": 0, "family": "foo", "kind": "versioned"|"unversioned"|"combined",
     "version": "1.0"|null, "format": "py"|"yaml"|null, "path": "/abs/path"}

* ``root`` is the index of ROOT on the command line.
* dir families: one record per package of ``repo.iter_packages(family)``;
  ``version = pkg.get("version")`` (the raw directory string, never parsed);
  ``None`` (an unversioned package, or the magic ``_NO_VERSION`` dir, which rez's
  handle normalisation turns into "no version", ENUM-4.4) gives ``kind: "unversioned"``;
  ``path = pkg.filepath or pkg.path``; ``format = pkg.file_format.name`` or null.
* combined families (``ROOT/foo.py``, ``ROOT/foo.yaml``): ONE family-level record,
  ``kind: "combined"``, ``version: null``, ``path = family.filepath``,
  ``format = family.ext``. The family is NOT iterated, because iterating loads
  (executes) the file, and would raise for broken links or block forever on FIFOs
  (ENUM-6.1, ENUM-6.4).
* Paths and names that are not UTF-8 appear as surrogate escapes (``\\udcXX``),
  exactly as ``os.fsdecode`` gives them (``json.dumps`` escapes them).

Error record, printed where rez raises, after which the dumper continues::

    {"error": {"root": 0, "family": "foo"|null, "path": "/abs/..."|null,
               "type": "PermissionError", "message": "..."}}

* ``family`` is the family name when ``repo.iter_packages(family)`` raised
  (e.g. ``PermissionError`` for an unlistable family dir); the family yields no
  records then (rez builds the whole list before yielding).
* ``path`` is rez's family path (``location/family``) for a family error, and
  rez's canonical root location (``normpath(realpath(abspath(ROOT)))``) for a
  root error.
* ``family`` is null when the root itself failed: constructing the repository
  (``settings.yaml`` that is a directory / bad YAML / not a mapping) or listing
  its families (unlistable root, invalid ``file_lock_dir``).

Guarantee: no package definition file is ever loaded. ``load_from_file`` in the
filesystem plugin is replaced by a function that raises ``RuntimeError
("rez_enumerate: unexpected package load ...")``, so an accidental load shows up
as an error record instead of silently running package code.

Isolation: before rez is imported every ``REZ_*`` environment variable is removed
and ``REZ_DISABLE_HOME_CONFIG=1`` is set, so only rez's built-in defaults plus the
overrides above apply (memcached is off by default). Overrides are applied in the
order rez needs (``docs/enumeration.md`` ENUM-2.3): top-level keys first, then
``plugins.*`` keys (a top-level override made after a plugin override discards the
plugin one, EDGE-57b), and all of them before the first repository is constructed
(the plugin snapshots its settings at construction, ENUM-2.2, EDGE-57).

Exit status: 0 when no error record was printed, 1 when at least one was, 2 for
bad usage (argparse).
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def _isolate_environment() -> None:
    for key in list(os.environ):
        if key.startswith("REZ_"):
            del os.environ[key]
    os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="rez_enumerate.py",
        description="Enumerate rez package repositories with rez itself (JSON lines).",
    )
    parser.add_argument("--check-package-files", dest="check", action="store_true",
                        help="check_package_definition_files = True")
    parser.add_argument("--package-filenames", dest="filenames", default=None,
                        help="package_filenames as a comma list, e.g. custom,package")
    parser.add_argument("--no-allow-unversioned", dest="no_unversioned", action="store_true",
                        help="allow_unversioned_packages = False")
    parser.add_argument("--disable-pkg-ignore", action="store_true",
                        help="construct the repository with disable_pkg_ignore=True")
    parser.add_argument("--file-lock-dir", dest="lock_dir", default=None, help="file_lock_dir = NAME")
    parser.add_argument("--families", default=None,
                        help="look these families up by name (comma list) instead of listing")
    parser.add_argument("--list-families", action="store_true",
                        help="print the families instead of their packages")
    parser.add_argument("--json", action="store_true",
                        help="accepted for symmetry with the scanner; output is always JSON")
    parser.add_argument("roots", nargs="+", metavar="ROOT")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    _isolate_environment()

    # -- config overrides: top-level first, then plugins.* (ENUM-2.3, EDGE-57b) --
    from rez.config import config

    if args.no_unversioned:
        config.override("allow_unversioned_packages", False)
    prefix = "plugins.package_repository.filesystem."
    if args.check:
        config.override(prefix + "check_package_definition_files", True)
    if args.filenames is not None:
        stems = [s for s in args.filenames.split(",") if s]
        config.override(prefix + "package_filenames", stems)
    if args.lock_dir is not None:
        config.override(prefix + "file_lock_dir", args.lock_dir)

    from rez.package_repository import package_repository_manager
    from rez.utils.filesystem import canonical_path
    import rezplugins.package_repository.filesystem as fsplugin

    def _no_load(filepath, *a, **kw):
        raise RuntimeError("rez_enumerate: unexpected package load of %r" % (filepath,))

    fsplugin.load_from_file = _no_load

    # sanity: the overrides really reached the (fresh) config
    fs_settings = config.plugins.package_repository.filesystem
    assert bool(fs_settings.check_package_definition_files) == args.check
    assert bool(config.allow_unversioned_packages) == (not args.no_unversioned)

    records: list[dict] = []
    errors: list[dict] = []

    def error(root_index, family, path, exc):
        errors.append({"root": root_index, "family": family, "path": path,
                       "type": type(exc).__name__, "message": str(exc)})

    for index, root in enumerate(args.roots):
        try:
            if args.disable_pkg_ignore:
                repo = fsplugin.FileSystemPackageRepository(
                    os.path.abspath(root), package_repository_manager.pool,
                    disable_pkg_ignore=True)
            else:
                repo = package_repository_manager.get_repository("filesystem@" + root)
            if args.families is None:
                families = list(repo.iter_package_families())
            else:
                found = (repo.get_package_family(n) for n in args.families.split(",") if n)
                families = [f for f in found if f is not None]
        except Exception as exc:  # noqa: BLE001 - reported, never hidden
            error(index, None, canonical_path(os.path.abspath(root)), exc)
            continue

        for fam in families:
            combined = fam.key == fsplugin.FileSystemCombinedPackageFamilyResource.key
            if args.list_families:
                records.append({"root": index, "family": fam.name, "kind": "family",
                                "version": None, "format": fam.ext if combined else None,
                                "path": fam.filepath if combined else fam.path})
                continue
            if combined:
                records.append({"root": index, "family": fam.name, "kind": "combined",
                                "version": None, "format": fam.ext,
                                "path": fam.filepath})
                continue
            try:
                packages = list(repo.iter_packages(fam))
            except Exception as exc:  # noqa: BLE001
                error(index, fam.name, fam.path, exc)
                continue
            for pkg in packages:
                version = pkg.get("version")
                fmt = pkg.file_format
                records.append({
                    "root": index,
                    "family": fam.name,
                    "kind": "unversioned" if version is None else "versioned",
                    "version": version,
                    "format": fmt.name if fmt is not None else None,
                    "path": pkg.filepath or pkg.path,
                })

    def record_key(r):
        return (r["root"], r["family"], r["version"] is not None, r["version"] or "",
                r["kind"], r["path"], r["format"] or "")

    def error_key(e):
        return (e["root"], e["family"] or "", e["type"], e["message"])

    out = sys.stdout
    for r in sorted(records, key=record_key):
        out.write(json.dumps(r) + "\n")
    for e in sorted(errors, key=error_key):
        out.write(json.dumps({"error": e}) + "\n")
    out.flush()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
