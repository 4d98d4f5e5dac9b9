"""rez's side of ``solve(package_paths=...)`` and ``load_packages``: the package files
pyrer's static reader cannot take, loaded by rez 3.4.0 itself (called from Rust, with
the GIL, for those files only)."""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Iterator, List, Optional, Sequence

from ._native import PackageData

# The rez context that late-bound attributes (``@late`` requires) see while the solver
# hook answers a resolve, as rez's solver binds its context to every package it loads.
# Loads run on pyrer's read threads, so this is one process-wide value: the hook's
# resolves take turns (``_bound``) and every other load sees no context, as in rez.
_bound = threading.Lock()
_context: Any = None


@contextlib.contextmanager
def bound_context(context: Any) -> Iterator[None]:
    """Binds ``context`` to the packages rez loads until the block ends."""
    global _context
    with _bound:
        _context = context
        try:
            yield
        finally:
            _context = None


def _data(package: Any) -> PackageData:
    if _context is not None:
        package.set_context(_context)
    return PackageData.from_rez(package)


def rez_package(repo: Any, family: str, version: Optional[str]) -> Any:
    """rez's ``Package`` of ``family/version`` in the filesystem repository ``repo``
    (``version`` None: an unversioned package), made from its resource as rez's
    repository makes it, with name and version from the directories (no listing)."""
    from rez.packages import Package

    variables: dict[str, Any] = {"location": repo.location, "name": family}
    if version is not None:
        variables["version"] = version
    return Package(repo.get_resource("filesystem.package", **variables))


def load_package(root: str, family: str, version: Optional[str]) -> PackageData:
    """rez's load of ``root/family/version`` (``version`` None: an unversioned package)."""
    from rez.package_repository import package_repository_manager

    return _data(rez_package(package_repository_manager.get_repository(root), family, version))


def load_family(roots: Sequence[str], family: str) -> List[PackageData]:
    """Every package of ``family`` as rez's ``iter_packages`` gives it over ``roots``
    (combined families such as ``ROOT/foo.py``, and families whose scan had problems)."""
    from rez.packages import iter_packages

    return [_data(p) for p in iter_packages(family, paths=list(roots))]
