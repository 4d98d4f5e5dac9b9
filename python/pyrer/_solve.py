"""``solve`` and ``load_packages``: rer's port of rez's solver, over in-memory packages,
a ``load_family`` callback, or repositories on disk (scanner, static reader, rez only for
what it must evaluate). The work is done in Rust (``pyrer._native``); this module fills
the scan settings from rez's configuration."""

from __future__ import annotations

from typing import (
    TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union,
)

from . import _native, _options
from ._api import AbsentRoot, ScanError, StrPath
from ._native import PackageData, Problem, SolveResult

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._options import ScanOptions

_Paths = Union[StrPath, Iterable[StrPath]]


def solve(
    package_requests: List[str],
    packages: Optional[List[PackageData]] = None,
    /,
    *,
    load_family: Optional[Callable[..., List[PackageData]]] = None,
    variant_select_mode: str = "version_priority",
    filters: Optional[List[Tuple[str, str]]] = None,
    max_iterations: Optional[int] = None,
    package_paths: Optional[_Paths] = None,
) -> SolveResult:
    """Resolves ``package_requests`` with rer's port of rez's solver (GIL released).

    Args:
        package_requests: rez requirement strings, e.g. ``["python-3", "maya-2024"]``.
        packages: a list of ``PackageData``: the packages the solver may use. With
            ``package_paths``, they form a repository ahead of the roots (a version
            given here hides the same version on disk).
        load_family: a callable ``load_family(name)`` returning the family's
            ``PackageData`` list (empty: no such family), called at most once per
            family not in ``packages``, when the solver first needs it. If it accepts a
            second argument (a second parameter, ``version_range``, ``*args`` or
            ``**kwargs``) it is called as ``load_family(name, version_range=hint)``,
            the hint being the solver's range for the family as a rez range string,
            or None for every version; returning more versions than asked is fine.
            If it raises, the result has ``status="error"``. Not with ``package_paths``.
        variant_select_mode: ``"version_priority"`` (rez's default) or
            ``"intersection_priority"``, as rez's ``variant_select_mode``.
        filters, max_iterations: accepted for compatibility with pyrer 1.0.0rc3, and
            ignored (rez's package filters are not modelled).
        package_paths: repository roots (rez's ``packages_path``), one path or an
            iterable. Each family the solver needs is looked up with pyrer's scanner
            in every root (the first root wins a version, as in rez), the package
            files of the versions in the solver's range are read concurrently (by
            the process's read threads, at most 16) and read statically where pyrer's
            static reader proves the result equal to rez's own load; rez 3.4.0 loads
            the others (needs rez: ``RuntimeError`` without it). Idle read threads load
            ahead the families the requirements name. Scan settings come from rez's
            configuration.

    Returns:
        A ``SolveResult``: ``status`` "solved", "failed" or "error", ``resolved``
        ``(name, version, variant_index)`` tuples, ``resolved_packages``
        (``ResolvedVariant``; with ``package_paths``, its ``root`` and ``directory``
        name where each package was read), ``resolved_ephemerals``, ``failure_description``,
        ``solve_time_ms`` (the whole call), ``num_iterations``, ``presolve_time_ms``
        (the part spent waiting for packages) and ``presolve`` (counts and times of
        lookups, reads, static reads, rez loads and read-ahead). Failures and bad
        requests are reported in the result, never raised.

    Raises:
        TypeError, ValueError: an argument of the wrong type or value.
        RuntimeError: ``package_paths`` without rez installed.
    """
    if package_paths is None:
        return _native.solve(package_requests, packages, load_family=load_family,
                             variant_select_mode=variant_select_mode, filters=filters,
                             max_iterations=max_iterations)
    request = _disk_request("solve", package_paths, {"on_error": "collect"})
    return _native.solve(package_requests, packages, load_family=load_family,
                         variant_select_mode=variant_select_mode, filters=filters,
                         max_iterations=max_iterations, package_paths=request.roots,
                         scan_options=request.options)


def solve_for_rez(package_requests: Sequence[str], package_paths: Sequence[str],
                  variant_select_mode: str, context: Any) -> SolveResult:
    """``solve(package_requests, package_paths=...)`` for the rez ``ResolvedContext``
    ``context`` (the solver hook): the packages rez loads are bound to it, as rez's own
    solver binds them. Per call, so a package file that resolves while it loads
    (a nested ``ResolvedContext``) runs a solve of its own."""
    request = _disk_request("solve", package_paths, {"on_error": "collect"})
    return _native.solve(package_requests, variant_select_mode=variant_select_mode,
                         package_paths=request.roots, scan_options=request.options,
                         rez_context=context)


class LoadResult(List[PackageData]):
    """The packages ``load_packages`` loaded: a list of ``PackageData`` (one per family
    and version, the first root winning, sorted by family), plus:

    Attributes:
        problems: what could not be scanned or loaded (``Problem``; a package file rez
            cannot load is one, with operation "load"), empty unless
            ``on_error="collect"``.
        absent_roots: the roots that are not directories to rez (a tuple of
            ``AbsentRoot``, as ``ScanResult.absent_roots``): rez lists nothing there
            without an error, and so does ``load_packages``; they are no problem.
        static_reads: how many packages pyrer's static reader read.
        rez_loads: how many rez loaded.
        rez_reasons: why rez loaded them: ``{reason: packages}`` (the README lists the
            reasons: the static reader's refusals, files that are not ``package.py``,
            files that could not be read, combined families, ...).
        rez_examples: up to three paths (or family names) per reason.
        stats: counts and milliseconds of the scan, reads, static reads and rez loads.
    """

    problems: Tuple[Problem, ...]
    absent_roots: Tuple[AbsentRoot, ...]
    static_reads: int
    rez_loads: int
    rez_reasons: Dict[str, int]
    rez_examples: Dict[str, Tuple[str, ...]]
    stats: Dict[str, Any]

    def __init__(self, packages: Iterable[PackageData] = (), problems: Iterable[Problem] = (),
                 stats: Optional[Dict[str, Any]] = None,
                 absent_roots: Iterable[Tuple[str, str, str]] = (),
                 rez_examples: Optional[Mapping[str, Iterable[str]]] = None) -> None:
        super().__init__(packages)
        self.problems = tuple(problems)
        self.absent_roots = tuple(AbsentRoot(*absent) for absent in absent_roots)
        self.stats = dict(stats or {})
        self.static_reads = int(self.stats.get("static_reads", 0))
        self.rez_loads = int(self.stats.get("rez_loads", 0))
        self.rez_reasons = dict(self.stats.get("rez_reasons", {}))
        self.rez_examples = {k: tuple(v) for k, v in (rez_examples or {}).items()}

    def __repr__(self) -> str:
        return (f"LoadResult({len(self)} packages, {len(self.problems)} problems, "
                f"static_reads={self.static_reads}, rez_loads={self.rez_loads})")


def load_packages(paths: _Paths, **options: Unpack[ScanOptions]) -> LoadResult:
    """Loads the packages of ``paths`` (every family, or just ``families``) with the
    pipeline of ``solve(package_paths=...)``: scan, concurrent reads, the static
    reader, and rez 3.4.0 for the files only rez can evaluate (needs rez). Name and
    version come from the directories. ``solve(requests, load_packages(paths))`` gives
    the same resolves as ``solve(requests, package_paths=paths)``.

    The scan options and ``on_error`` are those of ``scan_repo``: with "raise",
    problems raise ``ScanError`` (``.partial`` is the ``LoadResult``); with "collect"
    they are in ``result.problems``. A root that is missing or not a directory gives
    nothing and no problem, as in rez (with "raise" too); ``result.absent_roots`` names it.
    """
    request = _disk_request("load_packages", paths, options)
    packages, problems, stats, absent_roots, examples = _native.load_packages(
        request.roots, request.options)
    result = LoadResult(packages, problems, stats, absent_roots, examples)
    if result.problems and request.on_error == "raise":
        raise ScanError(result.problems, result)  # type: ignore[arg-type]
    return result


def _disk_request(function: str, paths: Any, options: Mapping[str, Any]) -> _options.Request:
    """The roots and scan settings (rez's configuration); RuntimeError without rez."""
    request = _options.resolve(function, paths, options)
    if _options.rez_settings() is None:
        raise RuntimeError(_native.REZ_REQUIRED)
    return request


__all__: Sequence[str] = ("solve", "load_packages", "LoadResult")
