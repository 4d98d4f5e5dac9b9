# Public API of pyrer (the runtime lives in _api.py and the extension module _native).
import os
from typing import (
    Any, Callable, Dict, Iterable, List, Literal, NamedTuple, Optional, Sequence, Tuple, Union,
)

from ._native import BackendUnavailableError as BackendUnavailableError
from ._native import InternalError as InternalError
from ._native import Problem as Problem
from ._native import ResourceError as ResourceError
from ._native import ScannedPackage as ScannedPackage
from ._native import __version__ as __version__
from ._native import PackageData as PackageData
from ._native import ResolvedVariant as ResolvedVariant
from ._native import SolveResult as SolveResult
from ._native import parse_static_package_py as parse_static_package_py
from ._native import parse_static_packages_py as parse_static_packages_py

_StrPath = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]
_Paths = Union[_StrPath, Iterable[_StrPath]]
_Backend = Union[Literal["auto", "std", "io_uring"], str]
_OnError = Literal["raise", "collect"]

__all__ = [
    "BackendUnavailableError",
    "InternalError",
    "LoadResult",
    "PackageData",
    "Problem",
    "ResolvedVariant",
    "ResourceError",
    "ScanError",
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

class ScannedFamily(NamedTuple):
    name: str
    path: str
    format: Optional[Literal["py", "yaml"]]
    root: str

class ScanResult(List[ScannedPackage]):
    families: Tuple[ScannedFamily, ...]
    problems: Tuple[Problem, ...]
    backend: str
    fallback_reason: Optional[str]
    scan_seconds: float
    convert_seconds: float
    def __init__(
        self,
        packages: Iterable[ScannedPackage] = (),
        problems: Iterable[Problem] = (),
        backend: str = "std",
        fallback_reason: Optional[str] = None,
        scan_seconds: float = 0.0,
        convert_seconds: float = 0.0,
        families: Iterable[Tuple[str, str, Optional[str], str]] = (),
    ) -> None: ...

class ScanError(OSError):
    problems: Tuple[Problem, ...]
    partial: ScanResult
    def __init__(self, problems: Sequence[Problem], partial: ScanResult) -> None: ...

def scan_repo(
    paths: _Paths,
    *,
    backend: _Backend = "auto",
    check_package_definition_files: Optional[bool] = None,
    package_filenames: Optional[Iterable[str]] = None,
    allow_unversioned_packages: Optional[bool] = None,
    disable_pkg_ignore: bool = False,
    file_lock_dir: Optional[str] = None,
    families: Optional[Iterable[str]] = None,
    concurrency: Optional[int] = None,
    on_error: _OnError = "raise",
) -> ScanResult: ...
async def scan_repo_async(
    paths: _Paths,
    *,
    backend: _Backend = "auto",
    check_package_definition_files: Optional[bool] = None,
    package_filenames: Optional[Iterable[str]] = None,
    allow_unversioned_packages: Optional[bool] = None,
    disable_pkg_ignore: bool = False,
    file_lock_dir: Optional[str] = None,
    families: Optional[Iterable[str]] = None,
    concurrency: Optional[int] = None,
    on_error: _OnError = "raise",
) -> ScanResult: ...
def backends() -> Dict[str, Optional[str]]: ...
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
) -> SolveResult: ...

class LoadResult(List[PackageData]):
    problems: Tuple[Problem, ...]
    static_reads: int
    rez_loads: int
    stats: Dict[str, Any]
    def __init__(
        self,
        packages: Iterable[PackageData] = (),
        problems: Iterable[Problem] = (),
        stats: Optional[Dict[str, Any]] = None,
    ) -> None: ...

def load_packages(
    paths: _Paths,
    *,
    families: Optional[Iterable[str]] = None,
    on_error: _OnError = "raise",
    backend: _Backend = "auto",
    check_package_definition_files: Optional[bool] = None,
    package_filenames: Optional[Iterable[str]] = None,
    allow_unversioned_packages: Optional[bool] = None,
    disable_pkg_ignore: bool = False,
    file_lock_dir: Optional[str] = None,
    concurrency: Optional[int] = None,
) -> LoadResult: ...

def rez_integration_stats() -> Dict[str, Any]: ...
