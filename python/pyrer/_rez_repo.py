"""rez's filesystem repository, answering its listing calls from one pyrer scan per root.

``repository_class()`` builds (once) a subclass of rez 3.4.0's
``FileSystemPackageRepository`` that overrides only the listing primitives:

* ``_get_family(name)`` (lookup by name, the resolve hot path): a family the scan found
  as a directory is returned without touching the disk; every other name (combined
  families, the lock dir, ``settings``, names the scan did not see, families with
  scan problems) goes to rez's own code, so lookup quirks (spec section 7) are rez's.
* ``_get_packages(family)`` (version listing): the scan's versions of a directory
  family, as the same resource handles rez makes; combined families, families with
  scan problems and families changed through this repository go to rez's code.
* ``_get_file(path)`` (package-file lookup): answered from the scan for every version
  directory it saw; anything else goes to rez's code.

Family listing (``_get_family_dirs``) stays rez's: the scanner does not report
directory families that hold no package, which rez lists.

The scan is a snapshot taken on first use, with the settings rez would use at that
moment (the module-global ``_settings`` snapshot, live ``allow_unversioned_packages``,
the repository's ``disable_pkg_ignore``); a settings change re-scans. ``clear_caches()``
drops it. Writes through the repository (``_on_changed``: install, remove, ignore) send
the changed family back to rez's live code, so it is read fresh. Loading, variants,
resource handles and installs are rez's.
"""

from __future__ import annotations

import importlib
import os
import threading
from typing import Any, Optional

_lock = threading.Lock()
_class: Optional[type] = None


class _Index:
    """What one scan of one root says, keyed the way rez asks."""

    def __init__(self, key: tuple[Any, ...], location: str, result: Any) -> None:
        self.key = key
        self.ok = True
        self.versions: dict[str, list[Optional[str]]] = {}  # dir family -> versions (None: unversioned)
        self.files: dict[str, tuple[Optional[str], Optional[str]]] = {}  # package dir -> (file, format)
        self.broken: set[str] = set()  # families with problems: rez's code answers (and raises)
        prefix = location.rstrip(os.sep) + os.sep
        for problem in result.problems:
            path = problem.path
            if not path.startswith(prefix):
                self.ok = False  # a root-level problem: rez's code answers everything
                continue
            self.broken.add(path[len(prefix):].split(os.sep, 1)[0])
        for pkg in result:
            if pkg.kind == "combined":
                continue
            family_dir = os.path.join(location, pkg.family)
            self.versions.setdefault(pkg.family, []).append(pkg.version)
            if pkg.kind == "unversioned":
                package_dir = family_dir
            else:
                package_dir = os.path.join(family_dir, pkg.version)
            if pkg.format is None:
                self.files[package_dir] = (None, None)
            else:
                self.files[package_dir] = (pkg.path, pkg.format)


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
_formats: dict[str, Any] = {}


def _make_class() -> type:
    global _fs, _config
    _fs = importlib.import_module("rezplugins.package_repository.filesystem")
    _config = importlib.import_module("rez.config").config
    file_format = importlib.import_module("rez.serialise").FileFormat
    _formats.update(py=file_format.py, yaml=file_format.yaml)
    # (built with type(): a class statement inside a function upsets mypy.stubtest)
    namespace = {name: value for name, value in _Methods.__dict__.items()
                 if not name.startswith("__") or name in ("__init__", "__doc__")}
    namespace["__module__"] = __name__
    namespace["pyrer_scans"] = 0  # scans run by all instances (for tests and benchmarks)
    cls = type("PyrerFileSystemPackageRepository", (_fs.FileSystemPackageRepository,), namespace)
    cls.__qualname__ = cls.__name__
    return cls


class _Methods:
    """rez's filesystem repository with listings from one pyrer scan per root."""

    # (the attributes rez's FileSystemPackageRepository has, for the type checker)
    location: str
    disable_pkg_ignore: bool
    get_resource: Any
    _pyrer_index: Optional[_Index]
    _pyrer_live: set[str]
    _pyrer_changing: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _fs.FileSystemPackageRepository.__init__(self, *args, **kwargs)
        self._pyrer_index = None
        self._pyrer_live = set()  # families changed through this repo: rez's live code
        self._pyrer_changing = False

    # -- the scan

    def _pyrer_settings(self) -> tuple[Any, ...]:
        settings = _fs._settings
        return (bool(settings.check_package_definition_files),
                tuple(settings.package_filenames),
                bool(_config.allow_unversioned_packages),
                settings.file_lock_dir, bool(self.disable_pkg_ignore))

    def _pyrer(self) -> Optional[_Index]:
        """The scan's index of this root (scanning on first use), or None: rez answers."""
        key = self._pyrer_settings()
        index = self._pyrer_index
        if index is None or index.key != key:
            index = self._pyrer_scan(key)
            self._pyrer_index = index
        return index if index.ok else None

    def _pyrer_scan(self, key: tuple[Any, ...]) -> _Index:
        from . import _api

        check, filenames, unversioned, lock_dir, no_ignore = key
        type(self).pyrer_scans += 1  # type: ignore[attr-defined]
        try:
            result = _api.scan_repo(
                [self.location], check_package_definition_files=check,
                package_filenames=list(filenames), allow_unversioned_packages=unversioned,
                file_lock_dir=lock_dir, disable_pkg_ignore=no_ignore, on_error="collect")
        except Exception:  # e.g. a lock dir rez rejects lazily: rez's code answers
            index = _Index(key, self.location, _api.ScanResult())
            index.ok = False
            return index
        return _Index(key, self.location, result)

    # -- listing calls

    def _get_family(self, name: str) -> Any:
        index = self._pyrer()
        if (index is None or name in index.broken or name in self._pyrer_live
                or name not in index.versions or not _fs.is_valid_package_name(name)):
            return _fs.FileSystemPackageRepository._get_family(self, name)
        return self.get_resource(_fs.FileSystemPackageFamilyResource.key,
                                 location=self.location, name=name)

    def _get_packages(self, family: Any) -> Any:
        index = self._pyrer()
        name = family.name
        if (index is None or family.key != _fs.FileSystemPackageFamilyResource.key
                or family.location != self.location or name in index.broken
                or name in self._pyrer_live or name not in index.versions):
            return _fs.FileSystemPackageRepository._get_packages(self, family)
        key = _fs.FileSystemPackageResource.key
        packages = []
        for version in index.versions[name]:
            if version is None:
                pkg = self.get_resource(key, location=self.location, name=name)
            else:
                pkg = self.get_resource(key, location=self.location, name=name, version=version)
            packages.append(pkg)
        return packages

    def _get_file(self, path: str, package_filename: Optional[str] = None) -> Any:
        index = None if package_filename else self._pyrer()
        if index is not None:
            found = index.files.get(path)
            family = os.path.relpath(path, self.location).split(os.sep, 1)[0]
            if found is not None and family not in index.broken and family not in self._pyrer_live:
                filepath, fmt = found
                return (filepath, _formats[fmt]) if fmt else (None, None)
        return _fs.FileSystemPackageRepository._get_file(self, path, package_filename)

    # -- invalidation

    def clear_caches(self) -> None:
        _fs.FileSystemPackageRepository.clear_caches(self)
        if not self._pyrer_changing:
            self._pyrer_index = None
            self._pyrer_live.clear()

    def _on_changed(self, pkg_name: str) -> None:
        self._pyrer_live.add(pkg_name)
        self._pyrer_changing = True
        try:
            _fs.FileSystemPackageRepository._on_changed(self, pkg_name)
        finally:
            self._pyrer_changing = False
