"""Checks scan_repo's arguments and fills unset options from rez's configuration."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Optional, TypedDict

from . import _native

# rez 3.4.0's values of the options rez configures (defined in Rust): passed explicitly,
# they set these options whatever rez's configuration says.
REZ_DEFAULTS: dict[str, Any] = _native.REZ_DEFAULTS
ON_ERROR = ("raise", "collect")  # the first is the default


class ScanOptions(TypedDict, total=False):
    """The keyword arguments of scan_repo, scan_repo_async and load_packages; scan_repo's
    docstring says what each means. An option left out, or None where None is allowed,
    takes rez's configuration (the four rez settings) or the scanner's default."""

    backend: str
    check_package_definition_files: Optional[bool]
    package_filenames: Optional[Iterable[str]]
    allow_unversioned_packages: Optional[bool]
    disable_pkg_ignore: bool
    file_lock_dir: Optional[str]
    families: Optional[Iterable[str]]
    concurrency: Optional[int]
    on_error: str


OPTION_NAMES = frozenset(ScanOptions.__annotations__)
UNSET_BY_NONE = frozenset(REZ_DEFAULTS) | {"families", "concurrency"}

_rez_state = "unknown"  # "unknown" until rez's settings were first read, then "ready" or "missing"


class Request(NamedTuple):
    """A checked scan request: root strings (as os.fsdecode gives them), options, on_error."""

    roots: list[str]
    options: dict[str, Any]
    on_error: str


def rez_settings() -> dict[str, Any] | None:
    """rez's values of the scan options (what `rez env` would use), or None without rez."""
    global _rez_state
    if _rez_state == "missing":
        return None
    with _deleted_cwd_holds_no_plugins():
        try:
            from rez.config import config
        except ImportError:
            _rez_state = "missing"
            return None
        filesystem = config.plugins.package_repository.filesystem
        settings = {
            "check_package_definition_files": filesystem.check_package_definition_files,
            "package_filenames": filesystem.package_filenames,
            "allow_unversioned_packages": config.allow_unversioned_packages,
            "file_lock_dir": filesystem.file_lock_dir,
        }
    _rez_state = "ready"
    return settings


def rez_packages_path() -> list[str] | None:
    """rez's packages_path (what rez-env and rez-search use), or None without rez."""
    with _deleted_cwd_holds_no_plugins():
        try:
            from rez.config import config
        except ImportError:
            return None
        return list(config.packages_path)


@contextlib.contextmanager
def _deleted_cwd_holds_no_plugins() -> Iterator[None]:
    """While rez reads its configuration: if the working directory has been deleted,
    pkgutil finds nothing in it, as Python's imports do.

    rez's plugin loader lists every sys.path entry with ``pkgutil.iter_modules()``,
    which raises FileNotFoundError on '' (the working directory, first on sys.path for
    ``python -c``, ``python -`` and the REPL) once that directory is gone; Python's own
    path finder takes such a '' for an entry with no modules. So for that time '' has
    no importer in ``sys.path_importer_cache`` (where pkgutil looks first), and after
    it the cache is as it was; sys.path is never touched."""
    try:
        os.getcwd()
        gone = False
    except FileNotFoundError:
        gone = True
    cache = sys.path_importer_cache
    added = gone and "" not in cache
    if added:
        cache[""] = None
    try:
        yield
    finally:
        if added and cache.get("", cache) is None:
            del cache[""]


def needs_rez_import(options: Mapping[str, Any]) -> bool:
    """Whether resolving `options` may import rez and read its config files (slow, blocking)."""
    return _rez_state == "unknown" and any(options.get(k) is None for k in REZ_DEFAULTS)


def resolve(function: str, paths: Any, options: Mapping[str, Any]) -> Request:
    """Checks the arguments of `function` (TypeError/ValueError naming the argument)
    and fills the unset rez settings from rez's configuration. What stays unset is
    left out of the request: the scanner's defaults (in Rust) apply."""
    unknown = sorted(options.keys() - OPTION_NAMES)
    if unknown:
        raise TypeError(f"{function}() got an unexpected keyword argument {unknown[0]!r}")
    roots = _roots(paths)
    resolved = {key: value for key, value in options.items()
                if value is not None or key not in UNSET_BY_NONE}
    on_error = resolved.pop("on_error", ON_ERROR[0])
    if not isinstance(on_error, str):
        raise TypeError(f"on_error must be a str, not {type(on_error).__name__}")
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {ON_ERROR}, not {on_error!r}")
    if any(key not in resolved for key in REZ_DEFAULTS):
        settings = rez_settings() or {}
        for key, value in settings.items():
            if value is not None:
                resolved.setdefault(key, value)
    for key in ("check_package_definition_files", "allow_unversioned_packages", "disable_pkg_ignore"):
        if key in resolved and not isinstance(resolved[key], bool):
            raise TypeError(f"{key} must be a bool, not {type(resolved[key]).__name__}")
    for key in ("package_filenames", "families"):
        if key in resolved:
            resolved[key] = _strings(key, resolved[key])
    for key in ("file_lock_dir", "backend"):
        if key in resolved and not isinstance(resolved[key], str):
            allowed = "a str or None" if key == "file_lock_dir" else "a str"
            raise TypeError(f"{key} must be {allowed}, not {type(resolved[key]).__name__}")
    if "concurrency" in resolved:
        concurrency = resolved["concurrency"]
        if isinstance(concurrency, bool) or not isinstance(concurrency, int):
            raise TypeError(f"concurrency must be an int or None, not {type(concurrency).__name__}")
        # its range is checked in Rust; Python ints beyond 64 bits are out of it anyway
        resolved["concurrency"] = max(min(concurrency, 2**63 - 1), -(2**63))
    return Request(roots, resolved, on_error)


def _roots(paths: Any) -> list[str]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    try:
        items = list(paths)
    except TypeError:
        raise TypeError(
            "paths must be a path or an iterable of paths (str, bytes or os.PathLike), "
            f"not {type(paths).__name__}"
        ) from None
    roots = []
    for item in items:
        try:
            path = os.fspath(item)
        except TypeError:
            raise TypeError(
                f"paths: expected str, bytes or os.PathLike, not {type(item).__name__}"
            ) from None
        roots.append(os.fsdecode(path))
    return roots


def _strings(option: str, value: Any) -> list[str]:
    """`value` as a list of str; TypeError naming `option` for anything else."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{option} must be a list of str, not a single {type(value).__name__}")
    try:
        names = list(value)
    except TypeError:
        raise TypeError(f"{option} must be a list of str, not {type(value).__name__}") from None
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{option}: expected str items, not {type(name).__name__}")
    return names
