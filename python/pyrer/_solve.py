"""``pyrer.solve``: rez's own solver over scanned or in-memory packages.

pyrer has no native solver: ``solve`` drives rez 3.4.0's solver through rez's Python
API (``ResolvedContext(requests, package_paths=..., add_implicit_packages=False)``),
over one of two repositories:

* ``package_paths=[root, ...]``: pyrer's scanner-backed filesystem repository
  (``pyrer._rez_repo``), one per root, kept for the process like rez's own: each
  family the solver touches is scanned on first use (never the whole root), and the
  solver loads lazily only the packages it needs, as rez does.
* ``packages=[PackageData, ...]``: an in-memory repository (rez's ``memory`` type)
  built from the given data.

The repositories are put in rez's repository manager only for the duration of the
solve, so other rez code in the process is not affected.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import time
import uuid
from typing import Any, Iterable, Optional, Sequence, Tuple, Union

REZ_MISSING = ("rez is not installed; pip install 'pyrer[rez]' (pyrer.solve drives rez's "
               "solver: pyrer has no native solver)")
VARIANT_SELECT_MODES = ("version_priority", "intersection_priority")

_solve_lock = threading.RLock()
_repos: dict[str, Any] = {}  # abspath -> scanner-backed repository, reused across solves


class PackageData:
    """A package as plain data: name, version ('' if unversioned), requires, variants."""

    __slots__ = ("name", "version", "requires", "variants")

    name: str
    version: str
    requires: Tuple[str, ...]
    variants: Tuple[Tuple[str, ...], ...]

    def __init__(self, name: str, version: str = "", requires: Iterable[str] = (),
                 variants: Iterable[Iterable[str]] = ()) -> None:
        if not isinstance(name, str) or not name:
            raise TypeError(f"name must be a non-empty str, not {name!r}")
        if not isinstance(version, str):
            raise TypeError(f"version must be a str, not {type(version).__name__}")
        if isinstance(requires, str):
            raise TypeError("requires must be a list of str, not a single str")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "requires", tuple(str(r) for r in requires))
        object.__setattr__(self, "variants",
                           tuple(tuple(str(r) for r in v) for v in variants))

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("PackageData is immutable")

    @classmethod
    def from_rez(cls, pkg: Any) -> PackageData:
        """The data of a rez package (``rez.packages.Package``); loads its file, as rez would."""
        return cls(pkg.name, str(pkg.version) if pkg.version else "",
                   [str(r) for r in pkg.requires or []],
                   [[str(r) for r in v] for v in pkg.variants or []])

    def _key(self) -> tuple[str, str, Tuple[str, ...], Tuple[Tuple[str, ...], ...]]:
        return (self.name, self.version, self.requires, self.variants)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PackageData) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"PackageData(name={self.name!r}, version={self.version!r}, "
                f"requires={list(self.requires)!r}, variants={[list(v) for v in self.variants]!r})")

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        return (PackageData, self._key())


class SolveResult:
    """The outcome of ``solve``: status 'solved', 'failed' (no solution) or 'error'."""

    status: str
    resolved: list[Tuple[str, str, Optional[int]]]
    resolved_packages: list[PackageData]
    failure_description: Optional[str]
    solve_time_ms: float
    presolve_time_ms: float

    def __init__(self, status: str, resolved: Sequence[Tuple[str, str, Optional[int]]] = (),
                 resolved_packages: Sequence[PackageData] = (),
                 failure_description: Optional[str] = None, solve_time_ms: float = 0.0,
                 presolve_time_ms: float = 0.0) -> None:
        self.status = status
        self.resolved = list(resolved)
        self.resolved_packages = list(resolved_packages)
        self.failure_description = failure_description
        self.solve_time_ms = solve_time_ms
        self.presolve_time_ms = presolve_time_ms

    def __repr__(self) -> str:
        return (f"SolveResult(status={self.status!r}, resolved={self.resolved!r}, "
                f"failure_description={self.failure_description!r}, "
                f"solve_time_ms={self.solve_time_ms:.1f}, "
                f"presolve_time_ms={self.presolve_time_ms:.1f})")


def rez_available() -> bool:
    return importlib.util.find_spec("rez") is not None


def solve(package_requests: Union[str, Iterable[str]],
          packages: Optional[Iterable[PackageData]] = None, /, *,
          package_paths: Optional[Iterable[Union[str, "os.PathLike[str]"]]] = None,
          variant_select_mode: str = "version_priority") -> SolveResult:
    """Resolves ``package_requests`` with rez's solver; see the module docstring."""
    if isinstance(package_requests, str):
        requests = package_requests.split()
    else:
        requests = list(package_requests)
        for req in requests:
            if not isinstance(req, str):
                raise TypeError(f"package_requests: expected str items, not {type(req).__name__}")
    if packages is not None and package_paths is not None:
        raise ValueError("give packages or package_paths, not both")
    if variant_select_mode not in VARIANT_SELECT_MODES:
        raise ValueError(f"variant_select_mode must be one of {VARIANT_SELECT_MODES}, "
                         f"not {variant_select_mode!r}")
    pkgs: Optional[list[PackageData]] = None
    paths: Optional[list[str]] = None
    if packages is not None:
        pkgs = list(packages)
        for p in pkgs:
            if not isinstance(p, PackageData):
                raise TypeError(f"packages: expected PackageData items, not {type(p).__name__}")
    elif package_paths is not None:
        if isinstance(package_paths, (str, os.PathLike)):
            package_paths = [package_paths]
        paths = [os.fspath(p) for p in package_paths]
    if not rez_available():
        if pkgs is None:
            raise RuntimeError(REZ_MISSING)
        return SolveResult("error", failure_description=REZ_MISSING)
    with _solve_lock:
        return _solve(requests, pkgs, paths, variant_select_mode)


def _solve(requests: list[str], pkgs: Optional[list[PackageData]], paths: Optional[list[str]],
           mode: str) -> SolveResult:
    try:
        from rez.config import config
        from rez.package_repository import package_repository_manager as manager
        from rez.resolved_context import ResolvedContext
        from rez.resolver import ResolverStatus
    except Exception as err:  # a broken rez install
        return SolveResult("error", failure_description=f"cannot import rez: {err!r}")
    start = time.perf_counter()
    scans_before = _scan_seconds()
    installed: dict[str, Any] = {}
    try:
        if pkgs is not None:
            repo_paths = [_memory_repo(pkgs, installed)]
        else:
            if paths is None:
                paths = list(config.packages_path)
            repo_paths = [_scanner_repo(p, installed) for p in paths]
    except Exception as err:
        return SolveResult("error", failure_description=f"{type(err).__name__}: {err}",
                           presolve_time_ms=_ms(start))
    saved = {key: manager.repositories.get(key) for key in installed}
    manager.repositories.update(installed)
    no_override = object()
    previous_mode = config.overrides.get("variant_select_mode", no_override)
    presolve = _ms(start)
    solve_start = time.perf_counter()
    try:
        config.override("variant_select_mode", mode)
        with _LoadTimer() as loads:
            context = ResolvedContext(requests, package_paths=repo_paths,
                                      add_implicit_packages=False)
        # package loads and family scans, which run while rez solves
        load_ms = (loads.seconds + _scan_seconds() - scans_before) * 1000.0
        status = context.status
        if status == ResolverStatus.solved:
            variants = list(context.resolved_packages or [])
            resolved = [(v.name, str(v.version), v.index) for v in variants]
            datas = [PackageData.from_rez(v.parent) for v in variants]
            return SolveResult("solved", resolved, datas, None,
                               max(_ms(solve_start) - load_ms, 0.0), presolve + load_ms)
        name = "failed" if status == ResolverStatus.failed else "error"
        return SolveResult(name, failure_description=context.failure_description or status.name,
                           solve_time_ms=max(_ms(solve_start) - load_ms, 0.0),
                           presolve_time_ms=presolve + load_ms)
    except Exception as err:  # bad requests, broken packages: reported, never raised
        return SolveResult("error", failure_description=f"{type(err).__name__}: {err}",
                           solve_time_ms=_ms(solve_start), presolve_time_ms=presolve)
    finally:
        if previous_mode is no_override:
            config.remove_override("variant_select_mode")
        else:
            config.override("variant_select_mode", previous_mode)
        for key, repo in saved.items():
            if repo is None:
                manager.repositories.pop(key, None)
            else:
                manager.repositories[key] = repo


class _LoadTimer:
    """Times rez's package loads on this thread while in use (rez 3.4.0's own
    ``load_time`` is always 0): a load is the first access to a resource's ``_data``,
    which finds, reads and runs its package file."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._thread = threading.get_ident()

    def __enter__(self) -> "_LoadTimer":
        from rez.utils.resources import Resource

        self._resource = Resource
        self._original = vars(Resource)["_data"]
        load = self._original.func

        def timed_load(resource: Any) -> Any:
            if threading.get_ident() != self._thread:
                return load(resource)
            start = time.perf_counter()
            try:
                return load(resource)
            finally:
                self.seconds += time.perf_counter() - start

        setattr(Resource, "_data", type(self._original)(timed_load, "_data"))
        return self

    def __exit__(self, *exc: Any) -> None:
        setattr(self._resource, "_data", self._original)


def _scan_seconds() -> float:
    """Time spent in the scanner-backed repositories' scans so far (0 before the first)."""
    from . import _rez_repo

    return float(getattr(_rez_repo._class, "pyrer_scan_seconds", 0.0))


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


def _memory_repo(pkgs: list[PackageData], installed: dict[str, Any]) -> str:
    from rez.utils.resources import ResourcePool
    from rezplugins.package_repository.memory import MemoryPackageRepository

    data: dict[str, dict[str, dict[str, Any]]] = {}
    for p in pkgs:
        entry: dict[str, Any] = {"name": p.name, "requires": list(p.requires)}
        if p.version:
            entry["version"] = p.version
        if p.variants:
            entry["variants"] = [list(v) for v in p.variants]
        data.setdefault(p.name, {})[p.version or "_NO_VERSION"] = entry
    location = f"pyrer-{uuid.uuid4().hex}"
    repo = MemoryPackageRepository(location, ResourcePool(cache_size=None))
    repo.data = data
    installed[f"memory@{location}"] = repo
    return f"memory@{location}"


def _scanner_repo(path: str, installed: dict[str, Any]) -> str:
    """The manager key of `path`, with pyrer's repository for plain filesystem paths."""
    repo_type, location = path.split("@", 1) if "@" in path else ("filesystem", path)
    if repo_type != "filesystem":
        return path  # another repository type: rez's own
    from rez.utils.resources import ResourcePool

    from . import _rez_repo

    location = os.path.abspath(location)
    repo = _repos.get(location)
    if repo is None:
        repo = _rez_repo.repository_class()(location, ResourcePool(cache_size=None))
        _repos[location] = repo
    key = f"filesystem@{location}"
    installed[key] = repo
    return key
