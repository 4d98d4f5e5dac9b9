# Stubs of the extension module pyrer._native (bindings/src).
import os
from typing import (
    Any, Callable, Dict, Final, List, Literal, Optional, Sequence, Tuple, Union, final,
)

__all__ = [
    "__version__",
    "DEFAULT_CONCURRENCY",
    "MAX_CONCURRENCY",
    "BackendUnavailableError",
    "ResourceError",
    "InternalError",
    "ScannedPackage",
    "Problem",
    "CancelToken",
    "ScanThread",
    "scan",
    "scan_async",
    "backends",
    "REZ_REQUIRED",
    "REZ_DEFAULTS",
    "problems_message",
    "PackageData",
    "ResolvedVariant",
    "SolveResult",
    "solve",
    "load_packages",
    "parse_static_package_py",
    "parse_static_packages_py",
]

__version__: Final[str]
DEFAULT_CONCURRENCY: Final[int]
MAX_CONCURRENCY: Final[int]
REZ_REQUIRED: Final[str]
REZ_DEFAULTS: Final[Dict[str, Any]]

_Kind = Literal["versioned", "unversioned", "combined"]
_Format = Literal["py", "yaml"]
_Raw = Tuple[
    List[ScannedPackage], List[Problem], str, Optional[str], float, float,
    List[Tuple[str, str, Optional[str], str]], List[Tuple[str, str, str]],
]

class BackendUnavailableError(OSError): ...
class ResourceError(OSError): ...
class InternalError(RuntimeError): ...

@final
class ScannedPackage:
    __match_args__: Final = ("family", "version", "format", "path", "kind", "root")
    def __new__(
        cls,
        family: str,
        version: Optional[str],
        format: Optional[_Format],
        path: str,
        kind: _Kind,
        root: str,
    ) -> ScannedPackage: ...
    @property
    def family(self) -> str: ...
    @property
    def version(self) -> Optional[str]: ...
    @property
    def format(self) -> Optional[_Format]: ...
    @property
    def path(self) -> str: ...
    @property
    def kind(self) -> _Kind: ...
    @property
    def root(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(
        self,
    ) -> Tuple[type[ScannedPackage], Tuple[str, Optional[str], Optional[str], str, str, str]]: ...

@final
class Problem:
    __match_args__: Final = ("path", "operation", "errno", "message")
    def __new__(cls, path: str, operation: str, errno: Optional[int], message: str) -> Problem: ...
    @property
    def path(self) -> str: ...
    @property
    def operation(self) -> str: ...
    @property
    def errno(self) -> Optional[int]: ...
    @property
    def message(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> Tuple[type[Problem], Tuple[str, str, Optional[int], str]]: ...

@final
class CancelToken:
    def __new__(cls) -> CancelToken: ...
    def cancel(self) -> None: ...
    @property
    def cancelled(self) -> bool: ...
    def progress(self) -> Tuple[int, int]: ...

def scan(
    paths: List[str], options: Dict[str, Any], cancel: Optional[CancelToken] = None
) -> _Raw: ...
def scan_async(
    paths: List[str], options: Dict[str, Any], cancel: CancelToken,
    settle: Callable[[str, Any], None],
) -> ScanThread: ...
@final
class ScanThread:
    def join(self) -> None: ...
def backends() -> List[Tuple[str, Optional[str]]]: ...

@final
class PackageData:
    name: str
    version: str
    requires: List[str]
    variants: List[List[str]]
    def __new__(
        cls,
        name: str,
        version: str,
        requires: Optional[Sequence[str]] = None,
        variants: Optional[Sequence[Sequence[str]]] = None,
    ) -> PackageData: ...
    @classmethod
    def from_rez(cls, pkg: Any) -> PackageData: ...
    @classmethod
    def from_strings(
        cls,
        name: str,
        version: str,
        requires: Optional[Sequence[str]] = None,
        variants: Optional[Sequence[Sequence[str]]] = None,
    ) -> PackageData: ...

@final
class ResolvedVariant:
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def variant_index(self) -> Optional[int]: ...
    @property
    def requires(self) -> List[str]: ...
    @property
    def uri(self) -> str: ...
    @property
    def root(self) -> Optional[str]: ...
    @property
    def directory(self) -> Optional[str]: ...

@final
class SolveResult:
    @property
    def status(self) -> Literal["solved", "failed", "error"]: ...
    @property
    def resolved(self) -> List[Tuple[str, str, Optional[int]]]: ...
    @property
    def resolved_packages(self) -> List[ResolvedVariant]: ...
    @property
    def resolved_ephemerals(self) -> List[str]: ...
    @property
    def failure_description(self) -> Optional[str]: ...
    @property
    def solve_time_ms(self) -> float: ...
    @property
    def num_iterations(self) -> int: ...
    @property
    def presolve_time_ms(self) -> float: ...
    @property
    def presolve(self) -> Dict[str, Any]: ...

def solve(
    package_requests: Sequence[str],
    packages: Optional[Sequence[PackageData]] = None,
    /,
    *,
    variant_select_mode: str,
    load_family: Optional[Callable[..., Sequence[PackageData]]] = None,
    filters: Optional[Sequence[Tuple[str, str]]] = None,
    max_iterations: Optional[int] = None,
    package_paths: Optional[List[str]] = None,
    scan_options: Optional[Dict[str, Any]] = None,
    rez_context: Any = None,
) -> SolveResult: ...
# (packages, problems, stats, absent roots, examples): stats are counts and milliseconds,
# and "rez_reasons", {reason: files rez loaded}; absent roots are the (root, reason,
# message) tuples that scan gives as the last item of _Raw; examples are up to three paths
# per reason
def load_packages(
    paths: List[str], options: Dict[str, Any]
) -> Tuple[
    List[PackageData],
    List[Problem],
    Dict[str, Any],
    List[Tuple[str, str, str]],
    Dict[str, List[str]],
]: ...
def parse_static_package_py(source: str) -> Optional[PackageData]: ...
def parse_static_packages_py(
    paths: Sequence[Union[str, os.PathLike[str]]],
) -> List[Optional[PackageData]]: ...

def problems_message(problems: Sequence[Problem]) -> str: ...
