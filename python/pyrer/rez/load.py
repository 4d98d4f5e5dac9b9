"""rez's side of ``solve(package_paths=...)`` and ``load_packages``: the package files
pyrer's static reader cannot take, loaded by rez 3.4.0 itself (called from Rust, with
the GIL, for those files only)."""

from __future__ import annotations

from typing import Any, List, Optional, Sequence

from .._native import PackageData


def _data(package: Any, context: Any = None) -> PackageData:
    """``package``'s solver data; ``context``: the rez ``ResolvedContext`` being resolved,
    which rez's solver binds to every package it loads (``@late`` attributes see it)."""
    if context is not None:
        package.set_context(context)
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


def load_package(root: str, family: str, version: Optional[str],
                 context: Any = None) -> PackageData:
    """rez's load of ``root/family/version`` (``version`` None: an unversioned package)."""
    from rez.package_repository import package_repository_manager

    package = rez_package(package_repository_manager.get_repository(root), family, version)
    return _data(package, context)


def load_family(roots: Sequence[str], family: str, context: Any = None) -> List[PackageData]:
    """Every package of ``family`` as rez's ``iter_packages`` gives it over ``roots``
    (combined families such as ``ROOT/foo.py``, and families whose scan had problems)."""
    from rez.packages import iter_packages

    return [_data(p, context) for p in iter_packages(family, paths=list(roots))]
