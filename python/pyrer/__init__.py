"""pyrer: rez-exact, fast enumeration of rez package repositories.

``scan_repo(paths)`` returns exactly the packages rez 3.4.0's filesystem
repository would surface under ``paths`` (families, versions, package-file
paths and formats, entry for entry), from a Rust scanner that releases the GIL.
``await scan_repo_async(paths)`` does the same without blocking the event loop.

    >>> import pyrer
    >>> for pkg in pyrer.scan_repo(["/studio/packages"]):   # doctest: +SKIP
    ...     print(pkg.family, pkg.version, pkg.path)

Unset options take their values from rez's configuration when rez is
installed (``pip install rez==3.4.0``), so a scan matches ``rez env``.
The command line is ``pyrer`` (or ``python -m pyrer``): ``pyrer scan PATH...``,
``pyrer backends`` and ``pyrer demo``.

``solve(requests, [PackageData, ...])`` resolves with rer's Rust port of rez's solver
(the API of PyPI's pyrer 1.0.0rc3, kept whole); ``solve(requests, package_paths=[...])``
scans the roots, reads package files statically where that provably equals rez's own
load, has rez load the rest, and solves, all in Rust. With ``PYRER_REZ_SOLVER=1``, rez's own
resolves (``rez env``) are answered that way, rez's solver taking whatever pyrer does not
model (``rez_integration_stats()`` counts both). It is opt-in, also through rez's
``optionvars``; see docs/rez-integration.md.
"""

from typing import Any, Dict

from ._api import (
    AbsentRoot, ScanError, ScannedFamily, ScanResult, backends, scan_repo, scan_repo_async,
)
from ._native import (
    BackendUnavailableError,
    InternalError,
    PackageData,
    Problem,
    ResolvedVariant,
    ResourceError,
    ScannedPackage,
    SolveResult,
    __version__,
    parse_static_package_py,
    parse_static_packages_py,
)
from ._options import ScanOptions
from ._solve import LoadResult, load_packages, solve


def rez_integration_stats() -> Dict[str, Any]:
    """This process's counters of the rez solver hook (``PYRER_REZ_SOLVER``):
    ``{"fast_solves": int, "fallbacks": {reason: int}, "hooked": bool,
    "fast_solve_seconds": float}``. ``hooked`` says whether rez's ``Resolver`` is
    wrapped (it is once ``rez.resolver`` is imported, unless ``PYRER_REZ_SOLVER=0``);
    see docs/rez-integration.md for the reasons."""
    import pyrer_rez_hook

    return pyrer_rez_hook.stats()

__all__ = [
    "AbsentRoot",
    "BackendUnavailableError",
    "InternalError",
    "LoadResult",
    "PackageData",
    "Problem",
    "ResolvedVariant",
    "ResourceError",
    "ScanError",
    "ScanOptions",
    "ScanResult",
    "ScannedFamily",
    "ScannedPackage",
    "SolveResult",
    "__version__",
    "backends",
    "load_packages",
    "rez_integration_stats",
    "parse_static_package_py",
    "parse_static_packages_py",
    "scan_repo",
    "scan_repo_async",
    "solve",
]
