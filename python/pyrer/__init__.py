"""pyrer: rez-exact, fast enumeration of rez package repositories.

``scan_repo(paths)`` returns exactly the packages rez 3.4.0's filesystem
repository would surface under ``paths`` (families, versions, package-file
paths and formats, entry for entry), from a Rust scanner that releases the GIL.
``await scan_repo_async(paths)`` does the same without blocking the event loop.

    >>> import pyrer
    >>> for pkg in pyrer.scan_repo(["/studio/packages"]):   # doctest: +SKIP
    ...     print(pkg.family, pkg.version, pkg.path)

Unset options take their values from rez's configuration when rez is
installed (``pip install 'pyrer[rez]'``), so a scan matches ``rez env``.
The command line is ``pyrer`` (or ``python -m pyrer``): ``pyrer scan PATH...``,
``pyrer backends`` and ``pyrer demo``.

``solve(requests, package_paths=[...])`` (or ``solve(requests, [PackageData, ...])``)
resolves with rez's own solver over the scanned (or in-memory) packages; pyrer has no
native solver. With ``PYRER_REZ_PLUGIN=1`` (or rez's ``optionvars``), rez itself
(``rez env``) uses pyrer's scanner-backed filesystem repository (entry point
``pyrer_rez_plugin``); see docs/rez-integration.md.
"""

from ._api import ScanError, ScannedFamily, ScanResult, backends, scan_repo, scan_repo_async
from ._native import (BackendUnavailableError, InternalError, Problem, ResourceError,
                      ScannedPackage, __version__)
from ._solve import PackageData, SolveResult, solve

__all__ = [
    "BackendUnavailableError",
    "InternalError",
    "PackageData",
    "Problem",
    "ResourceError",
    "ScanError",
    "ScanResult",
    "ScannedFamily",
    "ScannedPackage",
    "SolveResult",
    "__version__",
    "backends",
    "scan_repo",
    "scan_repo_async",
    "solve",
]
