"""rez's filesystem repository, answering its listing calls from pyrer scans.

``repository_class()`` builds (once) a subclass of rez 3.4.0's
``FileSystemPackageRepository`` that overrides only the listing primitives, each
answered from a scan run with the settings rez would use at that moment (the
module-global ``_settings`` snapshot, live ``allow_unversioned_packages``, the
repository's ``disable_pkg_ignore``: docs/enumeration.md ENUM-2; a settings change
drops every scan):

* ``_get_family(name)`` (lookup by name, the resolve hot path): the first lookup of a
  family scans just that family (``scan_repo(families=[name])``: rez's lookup rules,
  ENUM-7, then the family's versions and package files, probed concurrently) and,
  with prefetch on, starts reading its newest package files in the background;
* ``_get_packages(family)`` (version listing, ENUM-4; newest first in rez's version
  order, where stock rez's order depends on the hash seed, ENUM-9.1) and
  ``_get_file(path)`` (package-file lookup, ENUM-5): from that family's scan. rez asks
  ``_get_file`` right before it loads a package, so it also queues the next files of the
  family for reading (``_prefetch``);
* ``_get_family_dirs()`` (family listing, ``iter_package_families``, ENUM-3): one scan
  of the whole root, which also answers every family's later lookups.

Where a scan hit a problem (an unreadable directory, a bad ``settings.yaml``), rez's
own code answers, so rez raises its own error (ENUM-3.2, ENUM-8). Windows
(case-insensitive names, EDGE-58) is always rez's code. The scans live as long as
rez's own per-repository caches (ENUM-9.3): ``clear_caches()`` drops them, and rez
calls it after every write through the repository (install, remove, ignore), so the
next lookup scans the family afresh.
Loading, variants, resource handles and installs are rez's.
"""

from __future__ import annotations

import importlib
import os
import threading
import time
from typing import Any, Optional

from . import _prefetch

_lock = threading.Lock()
_class: Optional[type] = None


class _Family:
    """One directory family as the plugin hands it to rez: its versions newest first
    (rez's version order), their package files, and how far the readahead has got.

    rez loads a family's packages in the order ``_get_packages`` returns them, skipping
    versions outside the range it needs, so with newest first the packages one range
    loads are next to each other; ``readahead`` prefetches the ones after each load."""

    def __init__(self, versions: list[Optional[str]], files: list[Optional[str]],
                 dirs: list[str]) -> None:
        self.versions = versions
        self.files = files
        self.position = {d: i for i, d in enumerate(dirs)}  # package dir -> index
        self.submitted = [False] * len(files)

    def readahead(self, start: int, count: int) -> list[str]:
        """The package files at positions start..start+count not handed out yet."""
        found = []
        for i in range(start, min(start + count, len(self.files))):
            path = self.files[i]
            if path and not self.submitted[i]:
                self.submitted[i] = True
                found.append(path)
        return found


class _Families:
    """What one scan says about the families it covered, keyed the way rez asks."""

    def __init__(self, location: str, result: Any) -> None:
        self.location = location
        prefix = location.rstrip(os.sep) + os.sep
        self.ok = True  # False: a root-level problem, rez's code answers everything
        self.broken: set[str] = set()  # families with problems: rez's code answers
        for problem in result.problems:
            if problem.path.startswith(prefix):
                self.broken.add(problem.path[len(prefix):].split(os.sep, 1)[0])
            else:
                self.ok = False
        # name -> [(name, ext)]: how rez's _get_family_dirs lists it (ext None: a directory;
        # ENUM-10.3); one name may be several families (ENUM-3.9)
        self.listed: dict[str, list[tuple[str, Optional[str]]]] = {}
        for family in result.families:
            self.listed.setdefault(family.name, []).append((family.name, family.format))
        self._packages: dict[str, list[Any]] = {}  # dir family -> its scanned packages
        self.files: dict[str, tuple[Optional[str], Optional[str]]] = {}  # dir -> (file, format)
        for pkg in result:
            if pkg.kind == "combined":
                continue
            self._packages.setdefault(pkg.family, []).append(pkg)
            self.files[self._package_dir(pkg.family, pkg.version)] = \
                (pkg.path, pkg.format) if pkg.format else (None, None)
        self._ordered: dict[str, _Family] = {}

    def _package_dir(self, name: str, version: Optional[str]) -> str:
        family_dir = os.path.join(self.location, name)
        return family_dir if version is None else os.path.join(family_dir, version)

    def answers(self, name: str) -> bool:
        return self.ok and name not in self.broken

    def is_dir(self, name: str) -> bool:
        """Whether `name` is a directory family (which rez's lookup prefers to files,
        ENUM-7.1)."""
        return (name, None) in self.listed.get(name, [])

    def family(self, name: str) -> _Family:
        """Directory family `name`, its versions newest first (built on first use)."""
        ordered = self._ordered.get(name)
        if ordered is None:
            versions = sorted((p.version for p in self._packages.get(name, [])),
                              key=_newest_first, reverse=True)
            dirs = [self._package_dir(name, v) for v in versions]
            ordered = _Family(versions, [self.files[d][0] for d in dirs], dirs)
            self._ordered[name] = ordered
        return ordered


def _newest_first(version: Optional[str]) -> tuple[int, Any]:
    """Sort key for ``reverse=True``: rez's version order, newest first; names rez cannot
    parse go last (an unversioned family has the one version None, ENUM-4.1)."""
    if version is None:
        return (2, None)
    try:
        return (1, _version(version))
    except Exception:  # rez lists any directory name; it fails only if it loads it (ENUM-8.4)
        return (0, None)  # equal keys: they keep the scan's (byte) order


def repository_class() -> type:
    """The scanner-backed subclass of rez's FileSystemPackageRepository (needs rez)."""
    global _class
    with _lock:
        if _class is None:
            _class = _make_class()
        return _class


# rez's pieces, set by _make_class (rez is imported only when the class is built).
_fs: Any = None
_config: Any = None
_case_sensitive = True
_formats: dict[str, Any] = {}
_version: Any = None  # rez.version.Version


def _make_class() -> type:
    global _fs, _config, _case_sensitive, _version
    _fs = importlib.import_module("rezplugins.package_repository.filesystem")
    _config = importlib.import_module("rez.config").config
    _case_sensitive = importlib.import_module("rez.utils.platform_").platform_ \
        .has_case_sensitive_filesystem
    file_format = importlib.import_module("rez.serialise").FileFormat
    _version = importlib.import_module("rez.version").Version
    _formats.update(py=file_format.py, yaml=file_format.yaml)
    # (built with type(): a class statement inside a function upsets mypy.stubtest)
    namespace = {name: value for name, value in _Methods.__dict__.items()
                 if not name.startswith("__") or name in ("__init__", "__doc__")}
    namespace["__module__"] = __name__
    namespace["pyrer_scans"] = 0  # scans run by all instances (for tests)
    namespace["pyrer_scan_seconds"] = 0.0  # their wall time (pyrer.solve's presolve time)
    cls = type("PyrerFileSystemPackageRepository", (_fs.FileSystemPackageRepository,), namespace)
    cls.__qualname__ = cls.__name__
    return cls


class _Methods:
    """rez's filesystem repository with listings from pyrer scans."""

    # (the attributes rez's FileSystemPackageRepository has, for the type checker)
    location: str
    disable_pkg_ignore: bool
    get_resource: Any
    _pyrer_key: Optional[tuple[Any, ...]]
    _pyrer_families: dict[str, _Families]  # family name -> the scan that covered it
    _pyrer_listing: Optional[_Families]
    _pyrer_backend: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _fs.FileSystemPackageRepository.__init__(self, *args, **kwargs)
        self._pyrer_backend = "auto"  # then the backend auto chose for this root
        self._pyrer_key = None
        self._pyrer_families = {}
        self._pyrer_listing = None

    # -- the scans

    def _pyrer_settings(self) -> tuple[Any, ...]:
        """rez's settings now (ENUM-2.1, ENUM-2.2); scans made under other settings are
        dropped."""
        settings = _fs._settings
        key = (bool(settings.check_package_definition_files), tuple(settings.package_filenames),
               bool(_config.allow_unversioned_packages), settings.file_lock_dir,
               bool(self.disable_pkg_ignore))
        if key != self._pyrer_key:
            self._pyrer_key = key
            self._pyrer_families = {}
            self._pyrer_listing = None
        return key

    def _pyrer_scan(self, key: tuple[Any, ...], families: Optional[list[str]]) -> _Families:
        """Scans with the settings `key` (from `_pyrer_settings`)."""
        from . import _api

        check, filenames, unversioned, lock_dir, no_ignore = key
        cls: Any = type(self)
        cls.pyrer_scans += 1
        start = time.perf_counter()
        try:
            result = _api.scan_repo(
                [self.location], check_package_definition_files=check,
                package_filenames=list(filenames), allow_unversioned_packages=unversioned,
                file_lock_dir=lock_dir, disable_pkg_ignore=no_ignore, families=families,
                on_error="collect", backend=self._pyrer_backend)
        except Exception:  # e.g. a lock dir rez rejects lazily: rez's code answers
            scanned = _Families(self.location, _api.ScanResult())
            scanned.ok = False
        else:
            scanned = _Families(self.location, result)
            self._pyrer_backend = result.backend  # auto's choice holds for the root
        cls.pyrer_scan_seconds += time.perf_counter() - start
        return scanned

    def _pyrer_family(self, name: str) -> Optional[_Families]:
        """The scan that answers for family `name` (scanning it on first use), or None."""
        key = self._pyrer_settings()
        scanned = self._pyrer_families.get(name)
        if scanned is None:
            scanned = self._pyrer_scan(key, [name])
            self._pyrer_families[name] = scanned
            if scanned.answers(name) and scanned.is_dir(name):
                _prefetch.submit(scanned.family(name).readahead(0, _prefetch.FIRST))
        return scanned if scanned.answers(name) else None

    # -- listing calls

    def _get_family_dirs(self) -> Any:
        if not _case_sensitive:
            return _fs.FileSystemPackageRepository._get_family_dirs(self)
        key = self._pyrer_settings()
        if self._pyrer_listing is None:
            self._pyrer_listing = self._pyrer_scan(key, None)
            for name in self._pyrer_listing.listed:
                if self._pyrer_listing.is_dir(name):  # also what lookup finds
                    self._pyrer_families.setdefault(name, self._pyrer_listing)
        listing = self._pyrer_listing
        if not listing.ok:
            return _fs.FileSystemPackageRepository._get_family_dirs(self)
        return [entry for entries in listing.listed.values() for entry in entries]

    def _get_family(self, name: str) -> Any:
        _fs.is_valid_package_name(name, raise_error=True)  # ENUM-7.1 step 1
        scanned = self._pyrer_family(name) if _case_sensitive else None
        if scanned is None:
            return _fs.FileSystemPackageRepository._get_family(self, name)
        if scanned.is_dir(name):  # a directory wins (rez asks isdir first, ENUM-7.1)
            return self.get_resource(_fs.FileSystemPackageFamilyResource.key,
                                     location=self.location, name=name)
        # a lookup scan finds at most one file (ENUM-7.1 step 3, EDGE-13)
        for _, ext in scanned.listed.get(name, []):
            return self.get_resource(_fs.FileSystemCombinedPackageFamilyResource.key,
                                     location=self.location, name=name, ext=ext)
        return None

    def _get_packages(self, family: Any) -> Any:
        name = family.name
        scanned = None
        if family.key == _fs.FileSystemPackageFamilyResource.key and family.location == self.location:
            scanned = self._pyrer_family(name) if _case_sensitive else None
        if scanned is None:
            return _fs.FileSystemPackageRepository._get_packages(self, family)
        key = _fs.FileSystemPackageResource.key
        packages = []
        for version in scanned.family(name).versions:
            if version is None:  # unversioned, or `_NO_VERSION` (ENUM-4.1, ENUM-4.4)
                pkg = self.get_resource(key, location=self.location, name=name)
            else:
                pkg = self.get_resource(key, location=self.location, name=name, version=version)
            packages.append(pkg)
        return packages

    def _get_file(self, path: str, package_filename: Optional[str] = None) -> Any:
        if not package_filename and _case_sensitive:
            self._pyrer_settings()
            family = os.path.relpath(path, self.location).split(os.sep, 1)[0]
            scanned = self._pyrer_families.get(family)
            if scanned is not None and scanned.answers(family):
                found = scanned.files.get(path)
                if found is not None:
                    # rez asks right before it loads the package: read ahead of it
                    ordered = scanned.family(family)
                    position = ordered.position.get(path)
                    if position is not None:
                        _prefetch.submit(ordered.readahead(position + 1, _prefetch.AHEAD))
                    filepath, fmt = found
                    return (filepath, _formats[fmt]) if fmt else (None, None)
        return _fs.FileSystemPackageRepository._get_file(self, path, package_filename)

    # -- invalidation (rez calls clear_caches after every write, through _on_changed;
    # ENUM-9.3)

    def clear_caches(self) -> None:
        _fs.FileSystemPackageRepository.clear_caches(self)
        self._pyrer_families = {}
        self._pyrer_listing = None
