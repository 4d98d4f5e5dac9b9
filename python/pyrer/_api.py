"""scan_repo, scan_repo_async and their result and error types."""

from __future__ import annotations

import functools
import os
from typing import (
    TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union,
)

from . import _native, _options
from ._native import Problem, ScannedPackage

if TYPE_CHECKING:
    import asyncio  # imported by scan_repo_async when first called: it costs milliseconds

    from typing_extensions import Unpack  # typing's own from Python 3.11

    from ._options import ScanOptions

StrPath = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


class ScannedFamily(NamedTuple):
    """One family as rez's repository lists it or finds it by name, packages or not."""

    name: str
    """The family name."""
    path: str
    """The family directory, or the file of a combined family (``ROOT/name.py``)."""
    format: Optional[str]
    """None for a directory family; "py" or "yaml" for a combined family."""
    root: str
    """The repository root it was found under, as given to the scan."""


class AbsentRoot(NamedTuple):
    """A root rez lists no packages under, and says nothing about, because it is not a
    directory to rez (missing, a file, a looping link): the typo that would otherwise
    look like an empty repository. ``str()`` is the line ``pyrer scan`` prints."""

    root: str
    """The root, as given to the scan."""
    reason: str
    """Why, in words: "does not exist", "is not a directory", ..."""
    message: str
    """``root ROOT REASON: rez lists no packages there`` (control characters escaped)."""

    def __str__(self) -> str:
        return self.message


class ScanResult(List[ScannedPackage]):
    """The packages a scan found: a list of ScannedPackage, sorted by root (in
    the order given), family name, then version (as bytes), plus what else the
    scan knows.

    Attributes:
        families: every family found (a tuple of ScannedFamily), including
            directory families that hold no package, sorted like the packages.
        problems: every place the scan could not read (empty unless
            ``on_error="collect"``; with ``"raise"`` they raise ScanError).
        absent_roots: the roots that are not directories to rez (a tuple of
            AbsentRoot): rez lists nothing there without an error, and so does
            the scan; they are no problem.
        backend: the backend that ran ("std" or "io_uring").
        fallback_reason: why ``backend="auto"`` did not run the fastest
            backend, or None.
        scan_seconds: time spent scanning the filesystem (without the GIL).
        convert_seconds: time spent building the Python objects.
    """

    families: Tuple[ScannedFamily, ...]
    problems: Tuple[Problem, ...]
    absent_roots: Tuple[AbsentRoot, ...]
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
        absent_roots: Iterable[Tuple[str, str, str]] = (),
    ) -> None:
        super().__init__(packages)
        self.families = tuple(ScannedFamily(*family) for family in families)
        self.absent_roots = tuple(AbsentRoot(*absent) for absent in absent_roots)
        self.problems = tuple(problems)
        self.backend = backend
        self.fallback_reason = fallback_reason
        self.scan_seconds = scan_seconds
        self.convert_seconds = convert_seconds

    def __repr__(self) -> str:
        return (
            f"<ScanResult: {len(self)} packages, {len(self.problems)} problems, "
            f"backend {self.backend!r}>"
        )


class ScanError(OSError):
    """The scan could not read parts of the repository, where rez would raise.

    Raised by scan_repo(on_error="raise") after the scan has finished
    everything else. ``problems`` lists every place it could not read;
    ``partial`` (a ScanResult) holds every package that was found. ``errno``,
    ``strerror`` and ``filename`` are those of the first problem.
    """

    problems: Tuple[Problem, ...]
    partial: ScanResult

    def __init__(self, problems: Sequence[Problem], partial: ScanResult) -> None:
        self.problems = tuple(problems)
        self.partial = partial
        super().__init__(_native.problems_message(list(self.problems)))
        if self.problems:
            first = self.problems[0]
            self.errno = first.errno
            self.strerror = first.message
            self.filename = first.path

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.problems, self.partial))


def scan_repo(
    paths: Union[StrPath, Iterable[StrPath]], **options: Unpack[ScanOptions]
) -> ScanResult:
    """Lists every package rez 3.4.0's filesystem repository would surface
    under the repository roots ``paths`` (like rez's ``packages_path``).

    Blocks until the scan is done; the GIL is released meanwhile, and Ctrl-C
    stops the scan. A root that is missing or not a directory yields nothing,
    as in rez.

    Args:
        paths: one root or an iterable of roots: str, bytes or os.PathLike.

    Keyword arguments (``pyrer.ScanOptions``; each may be left out):
        backend: "auto" (the fastest that can run here, see ``backends()``),
            "std" or "io_uring".
        check_package_definition_files, package_filenames,
        allow_unversioned_packages, file_lock_dir: rez's settings of the same
            names (``plugins.package_repository.filesystem.*`` and
            ``allow_unversioned_packages``). None takes the value from rez's
            configuration when rez is importable, so the scan sees what
            ``rez env`` would; otherwise rez's default. ``file_lock_dir=""``
            means no lock directory whatever rez's configuration says.
        disable_pkg_ignore: as rez's repository argument: ``.ignore*`` files
            have no effect.
        families: None lists every family of each root (rez's
            ``iter_package_families``). An iterable of names looks just these
            families up by name instead, as a resolve does (rez's
            ``get_package_family``), without listing the roots: in each root a
            directory ``name`` is the family, else the file ``name.py``, else
            ``name.yaml``; reserved names are not skipped (``"settings"``
            finds ``settings.yaml``). Names must be valid rez package names.
        concurrency: the most filesystem operations in flight, 1 to
            ``pyrer._native.MAX_CONCURRENCY`` (None: ``DEFAULT_CONCURRENCY``, 64).
        on_error: what to do when parts of the repository cannot be read
            (where rez would raise): "raise" raises ScanError, which carries
            the problems and the partial result; "collect" returns the result
            with the problems in ``result.problems``.

    Returns:
        A ScanResult: the list of ScannedPackage, plus ``problems``,
        ``backend`` (which ran) and ``fallback_reason``.

    Raises:
        ScanError: parts of the repository could not be read (on_error="raise").
        BackendUnavailableError: the requested backend cannot run here.
        TypeError, ValueError: an argument is invalid (the message names it).
    """
    return scan_watched("scan_repo", paths, options, None)


def scan_watched(function: str, paths: Union[StrPath, Iterable[StrPath]],
                 options: Mapping[str, Any], token: Optional[_native.CancelToken]) -> ScanResult:
    """scan_repo with a token through which another thread may follow its progress
    (``pyrer scan``'s progress line) or cancel it; errors name ``function``."""
    request = _options.resolve(function, paths, options)
    return _finish(_native.scan(request.roots, request.options, token), request.on_error)


async def scan_repo_async(
    paths: Union[StrPath, Iterable[StrPath]], **options: Unpack[ScanOptions]
) -> ScanResult:
    """scan_repo as a coroutine: same arguments, result and errors.

    The scan runs on threads of its own, never on the event loop, and several
    scans may run at once. Cancelling the awaiting task stops the scan
    promptly; when the cancellation has been delivered, the scan's threads and
    file descriptors are gone. (The first call with rez settings to read
    imports rez in the loop's default executor.)
    """
    import asyncio

    resolve = functools.partial(_options.resolve, "scan_repo_async", paths, options)
    loop = asyncio.get_running_loop()
    if _options.needs_rez_import(options):
        try:
            pending = loop.run_in_executor(None, resolve)
        except RuntimeError:  # no thread to be had: read rez's settings here, once
            request = resolve()
        else:
            request = await pending
    else:
        request = resolve()
    token = _native.CancelToken()
    future: asyncio.Future[Any] = loop.create_future()

    def settle(how: str, value: Any) -> None:  # called on the scan thread, once
        try:
            loop.call_soon_threadsafe(finish, how, value)
        except RuntimeError:
            pass  # the loop is closed: nobody awaits the scan any more

    def finish(how: str, value: Any) -> None:  # on the loop, after the line below
        thread.join()  # it has handed over its result: no scan thread outlives the future
        _settle(future, how, value)

    # Raises (pyrer.ResourceError) when no scan thread can be started.
    thread = _native.scan_async(request.roots, request.options, token, settle)
    try:
        raw = await asyncio.shield(future)
    except asyncio.CancelledError:
        token.cancel()
        # Let the scan wind down, so that no thread or fd outlives the task.
        await asyncio.wait([future])
        if not future.cancelled():
            future.exception()  # retrieved, so that asyncio does not log it
        raise
    return _finish(raw, request.on_error)


def _settle(future: "asyncio.Future[Any]", how: str, value: Any) -> None:
    """Hands a finished scan to its future (on the event loop)."""
    if future.done():
        return
    if how == "ok":
        future.set_result(value)
    elif how == "cancelled":
        future.cancel()
    else:
        future.set_exception(value)


def backends() -> Dict[str, Optional[str]]:
    """Every backend this build of pyrer has, mapped to None when it can run
    on this host, or to the reason it cannot (e.g. the kernel refuses io_uring).
    """
    return dict(_native.backends())


def _finish(raw: Tuple[Any, ...], on_error: str) -> ScanResult:
    result = ScanResult(*raw)
    if result.problems and on_error == "raise":
        raise ScanError(result.problems, result)
    return result
