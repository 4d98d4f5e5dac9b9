"""pyrer's verdict on one rez ``Resolver`` solve (the solver hook, ``PYRER_REZ_SOLVER``).

``verdict(resolver)`` is either ``Solved``: the resolve solved with
``solve(package_paths=...)`` (scanner, static reader, rez loads only where needed, rer's
solver), with an object that answers what rez's ``Resolver`` asks of its ``Solver``; or
``Fallback``: the reason rez's own solver must answer instead. pyrer answers only what it
models exactly:

* the request, package paths and ``variant_select_mode``, over filesystem repositories;
* a resolve pyrer reports as ``solved`` (rez's solver redoes the rest, so failures,
  their messages and graphs are rez's);
* with rez's default solver callbacks and quiet output.

The resolved variants are rez's own ``Variant`` objects, made by rez's repository from
the package directory pyrer resolved (the first path holding the version, as in rez's
solver; anything else is looked up with rez's ``iter_packages``), so their handles, and
everything rez then builds from them, are rez's. Late-bound package
attributes that rez loads during the solve see the resolve's context, as in rez.
"""

from __future__ import annotations

import time
from typing import Any, List, NamedTuple, Optional, Sequence, Union

from .. import _solve
from . import graph, load


class Solved(NamedTuple):
    """pyrer answered: ``solver`` is what ``Resolver._solve`` returns."""

    solver: Any
    detail: str
    seconds: float


class Fallback(NamedTuple):
    """rez's solver must answer, for ``reason`` (a stable key of
    ``rez_integration_stats()["fallbacks"]``, listed in docs/rez-integration.md)."""

    reason: str
    detail: str


Verdict = Union[Solved, Fallback]


def unsupported(resolver: Any, repos: dict[str, Any]) -> Optional[Fallback]:
    """Why pyrer must not answer this resolve (``repos``: ``_repositories``), or None."""
    import os

    from rez.resolved_context import ResolvedContext

    if os.name == "nt":
        return Fallback("platform", "case-insensitive file names are rez's code")
    if resolver.timestamp:
        return Fallback("timestamp", f"resolve timestamp {resolver.timestamp}")
    if resolver.package_filter:
        return Fallback("package_filter", str(resolver.package_filter))
    if resolver.package_orderers:
        return Fallback("package_orderers", str(resolver.package_orderers))
    if resolver.building:
        return Fallback("building", "build requirements are rez's")
    if resolver.verbosity or resolver.print_stats:
        return Fallback("verbose", "the solver's own output was asked for")
    callback = resolver.callback
    if callback is not None:
        if not isinstance(callback, ResolvedContext.Callback):
            return Fallback("callback", "a solver callback")
        if callback.callback is not None:
            return Fallback("callback", "a solver callback")
        if callback.max_fails != -1:
            return Fallback("max_fails", f"max_fails={callback.max_fails}")
        if callback.time_limit != -1:
            return Fallback("time_limit", f"time_limit={callback.time_limit}")
    if _user_load_callback(resolver.package_load_callback):
        return Fallback("package_load_callback", "called for each package rez loads")
    for path in resolver.package_paths:
        repo = repos[path]
        cls = type(repo)
        if (cls.__module__, cls.__name__) not in _FILESYSTEM_CLASSES:
            return Fallback("repository_type",
                             f"{path} is a {repo.name()} repository ({cls.__qualname__})")
    return None


# The repository class whose semantics pyrer's scanner reproduces: rez's own filesystem
# repository (named, not compared by identity: rez's plugin manager may load its plugin
# modules more than once, each load making new class objects).
_FILESYSTEM_CLASSES = {("rezplugins.package_repository.filesystem", "FileSystemPackageRepository")}


def _user_load_callback(callback: Any) -> bool:
    """Whether ``callback`` calls anything beyond ResolvedContext's own counter, which
    wraps the user's ``package_load_callback`` (a closure variable of that name)."""
    if callback is None:
        return False
    code = getattr(callback, "__code__", None)
    if code is None or getattr(callback, "__qualname__", "") != \
            "ResolvedContext.__init__.<locals>._package_load_callback":
        return True
    cells = dict(zip(code.co_freevars, callback.__closure__ or ()))
    user = cells.get("package_load_callback")
    return user is None or user.cell_contents is not None


def verdict(resolver: Any) -> Verdict:
    """pyrer's answer to ``resolver``'s solve, or the reason rez's solver must answer."""
    try:
        paths = list(resolver.package_paths)
        repos = _repositories(paths)
        reason = unsupported(resolver, repos)
        if reason is not None:
            return reason
        return _answer(resolver, paths, repos)
    except Exception as err:  # anything unexpected: rez's solver answers
        return Fallback("error", repr(err))


def _answer(resolver: Any, paths: List[str], repos: dict[str, Any]) -> Verdict:
    from rez.config import config

    start = time.perf_counter()
    requests = [str(r) for r in resolver.package_requests]
    result = _solve.solve_for_rez(requests, paths, config.variant_select_mode,
                                  resolver.context)
    if result.status != "solved":
        return Fallback(_reason(result), result.failure_description or result.status)
    variants = []
    for resolved in result.resolved_packages:
        variant = _variant_at(resolved, repos) or _rez_variant(
            resolved.name, resolved.version, resolved.variant_index, paths)
        if variant is None:
            return Fallback("mismatch", f"rez finds no {resolved!r} in {paths}")
        variants.append(variant)
    load_callback = resolver.package_load_callback
    if load_callback is not None:  # ResolvedContext's counter of loaded packages
        stats = result.presolve
        for _ in range(int(stats.get("static_reads", 0)) + int(stats.get("rez_loads", 0))):
            load_callback(None)
    seconds = time.perf_counter() - start
    solver = _Solved(requests, variants, result.resolved_ephemerals,
                     [list(v.requires) for v in result.resolved_packages],
                     seconds, result.presolve_time_ms / 1000.0)
    detail = f"{len(variants)} packages, presolve {result.presolve_time_ms:.1f} ms"
    return Solved(solver, detail, seconds)


# How pyrer's solve reports what rez's solver raises (a missing family or version, a
# package whose own requirements conflict, variants rez 3.4.0 cannot sort): rez's solver
# then raises it itself.
_REZ_RAISES = ("PackageFamilyNotFoundError: ", "PackageNotFoundError: ", "ResolveError: ",
               "TypeError: ")


def _reason(result: Any) -> str:
    """The fallback reason of a solve pyrer did not solve."""
    if result.status == "failed":
        return "not_solved"
    if (result.failure_description or "").startswith(_REZ_RAISES):
        return "rez_raises"
    return "error"


def _repositories(paths: List[str]) -> dict[str, Any]:
    """Each package path's rez repository, by the path as given (which is also the
    ``root`` pyrer's resolved variants name)."""
    from rez.package_repository import package_repository_manager

    return {path: package_repository_manager.get_repository(path) for path in paths}


def _variant_at(resolved: Any, repos: dict[str, Any]) -> Any:
    """rez's ``Variant`` of a resolved variant pyrer read from its own package file,
    built from that package's resource as rez's repository builds it (no listing);
    None for anything else (e.g. a combined family), which ``_rez_variant`` finds."""
    if resolved.root is None:
        return None
    repo = repos.get(resolved.root)
    if repo is None:
        return None
    package = load.rez_package(repo, resolved.name, resolved.version)
    return package.get_variant(resolved.variant_index)


def _rez_variant(name: str, version: str, index: Optional[int], paths: List[str]) -> Any:
    """rez's ``Variant`` of ``name-version[index]`` over ``paths`` (first path wins)."""
    from rez.packages import iter_packages
    from rez.version import VersionRange

    for package in iter_packages(name, VersionRange("==" + version), paths):
        if str(package.version) != version:
            return None
        return package.get_variant(index)
    return None


class _Handle:
    """What ``Resolver._solver_to_dict`` reads of a resolved solver variant."""

    def __init__(self, variant: Any) -> None:
        self.handle = variant.handle.to_dict()


class _Solved:
    """A solved resolve, as ``Resolver._solver_to_dict`` reads a rez ``Solver``."""

    def __init__(self, requests: Sequence[str], variants: Sequence[Any],
                 ephemerals: Sequence[str], requires: Sequence[Sequence[str]],
                 solve_time: float, load_time: float) -> None:
        from rez.solver import SolverStatus
        from rez.version import Requirement

        self.status = SolverStatus.solved
        self.solve_time = solve_time
        self.load_time = load_time
        self.resolved_packages = [_Handle(v) for v in variants]
        self.resolved_ephemerals = [Requirement(e) for e in ephemerals]
        self._graph = (requests, variants, ephemerals, requires)

    def get_graph(self) -> Any:
        return graph.resolve_graph(*self._graph)
