# Stubs of the extension module pyrer._native (bindings/src).
import os
from typing import (Any, Callable, Dict, Final, List, Literal, Optional, Sequence, Tuple, Union,
                    final)

__all__ = [
    "__version__",
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
    "prefetch",
]

__version__: Final[str]
MAX_CONCURRENCY: Final[int]

_Kind = Literal["versioned", "unversioned", "combined"]
_Format = Literal["py", "yaml"]
_Raw = Tuple[
    List[ScannedPackage], List[Problem], str, Optional[str], float, float,
    List[Tuple[str, str, Optional[str], str]],
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
def prefetch(paths: Sequence[Union[str, os.PathLike[str]]], concurrency: int) -> Tuple[int, int, int]: ...
