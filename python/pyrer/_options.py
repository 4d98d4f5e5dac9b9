"""Checks scan_repo's arguments and fills unset options from rez's configuration."""

from __future__ import annotations

import os
from typing import Any, NamedTuple

from . import _native

# rez 3.4.0's defaults (defined in Rust), used for unset options when rez is not importable.
REZ_DEFAULTS: dict[str, Any] = _native.REZ_DEFAULTS
ON_ERROR = ("raise", "collect")

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
    try:
        from rez.config import config
    except ImportError:
        return None
    return list(config.packages_path)


def needs_rez_import(options: dict[str, Any]) -> bool:
    """Whether resolving `options` may import rez and read its config files (slow, blocking)."""
    return _rez_state == "unknown" and any(options[k] is None for k in REZ_DEFAULTS)


def resolve(paths: Any, options: dict[str, Any], on_error: Any) -> Request:
    """Checks every argument (TypeError/ValueError naming it) and fills unset rez options."""
    roots = _roots(paths)
    if not isinstance(on_error, str):
        raise TypeError(f"on_error must be a str, not {type(on_error).__name__}")
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {ON_ERROR}, not {on_error!r}")
    resolved = dict(options)
    if any(resolved[k] is None for k in REZ_DEFAULTS):
        settings = rez_settings() or REZ_DEFAULTS
        for key in REZ_DEFAULTS:
            if resolved[key] is None:
                resolved[key] = settings[key]
    for key in ("check_package_definition_files", "allow_unversioned_packages", "disable_pkg_ignore"):
        if not isinstance(resolved[key], bool):
            raise TypeError(f"{key} must be a bool, not {type(resolved[key]).__name__}")
    resolved["package_filenames"] = _strings("package_filenames", resolved["package_filenames"])
    lock_dir = resolved["file_lock_dir"]
    if lock_dir is not None and not isinstance(lock_dir, str):
        raise TypeError(f"file_lock_dir must be a str or None, not {type(lock_dir).__name__}")
    if resolved["families"] is not None:
        resolved["families"] = _strings("families", resolved["families"])
    if not isinstance(resolved["backend"], str):
        raise TypeError(f"backend must be a str, not {type(resolved['backend']).__name__}")
    concurrency = resolved["concurrency"]
    if concurrency is not None:
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
