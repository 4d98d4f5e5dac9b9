"""The pyrer command line: ``pyrer scan``, ``pyrer load``, ``pyrer backends`` and
``pyrer demo``.

Exit codes:
    0  the command ran (``scan`` without ``--check`` reports problems but succeeds)
    1  ``scan --check``: the repository has problems, or a root is not a directory;
       ``demo``: pyrer and rez disagree
    2  bad usage: an unknown option, or an invalid option value
    3  cannot run here: the requested backend is unavailable, or ``load`` or ``demo``
       has no rez (``pip install rez==3.4.0``), or rez's enumeration failed
    130  interrupted (Ctrl-C)
    141  stdout was closed early (e.g. piped into head)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Sequence, TextIO

from . import _demo, _native, _options
from ._api import ScanResult, backends, scan_repo, scan_watched
from ._native import BackendUnavailableError, __version__
from ._progress import Progress
from ._solve import load_packages

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141


class UsageError(Exception):
    """An option value the scan rejects (exit code 2, like argparse's own errors)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line with ``argv`` (default: sys.argv[1:]); returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as err:
        print(f"pyrer: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BackendUnavailableError as err:
        print(f"pyrer: {err}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except _demo.DemoUnavailable as err:
        print(f"pyrer demo: {err}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except KeyboardInterrupt:
        print("pyrer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader is gone: say nothing, and keep Python from failing to flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pyrer",
        description="rez-exact, fast enumeration of rez package repositories.",
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pyrer {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    scan = commands.add_parser(
        "scan",
        help="list the packages rez would see under repository roots",
        description="Scans repository roots and prints a summary (families, packages, "
        "problems, time) or, with --json, JSON Lines. Without PATH or --paths it scans "
        "rez's packages_path, as rez-search does. Unset rez options come from rez's "
        "configuration when rez is installed.",
    )
    _add_roots(scan)
    scan.add_argument("-v", "--verbose", action="store_true",
                      help="also say which backend auto chose, and why")
    scan.add_argument("--json", action="store_true",
                      help="print JSON Lines: one {root, family, kind, version, format, path} "
                      "object per package, then one {\"problem\": {path, operation, errno, "
                      "message}} per problem, then one {\"absent_root\": {root, reason}} per "
                      "root that is not a directory")
    scan.add_argument("--check", action="store_true",
                      help="exit 1 when the repository has problems, or a root is missing "
                      "or not a directory")
    scan.add_argument("--backend", default="auto", help="auto (default), std or io_uring")
    scan.add_argument("--check-package-files", dest="check_package_definition_files",
                      action=argparse.BooleanOptionalAction, default=None,
                      help="rez's check_package_definition_files")
    scan.add_argument("--package-filenames", metavar="A,B",
                      help="rez's package_filenames, comma-separated")
    scan.add_argument("--allow-unversioned", dest="allow_unversioned_packages",
                      action=argparse.BooleanOptionalAction, default=None,
                      help="rez's allow_unversioned_packages")
    scan.add_argument("--disable-pkg-ignore", action="store_true",
                      help=".ignore* files have no effect")
    scan.add_argument("--file-lock-dir", metavar="NAME",
                      help="rez's file_lock_dir ('' for none)")
    scan.add_argument("--concurrency", type=int, metavar="N",
                      help="most filesystem operations in flight (default "
                      f"{_native.DEFAULT_CONCURRENCY}, at most {_native.MAX_CONCURRENCY})")
    scan.set_defaults(run=_scan)

    load = commands.add_parser(
        "load",
        help="load every package of repository roots, and say which rez had to load",
        description="Loads every package of the roots as solve(package_paths=...) does "
        "(scan, static reads, rez for the rest) and prints how many packages there are, "
        "how many were read statically, how many rez loaded, and the problems. Without "
        "PATH or --paths it loads rez's packages_path. Needs rez.",
    )
    _add_roots(load)
    load.add_argument("--why", action="store_true",
                      help="say why rez loaded what it loaded: each reason, how many "
                      "packages, and example paths")
    load.add_argument("--json", action="store_true",
                      help="print one JSON object: packages, static_reads, rez_loads, "
                      "rez_reasons ({reason: {count, examples}}), problems, absent_roots")
    load.set_defaults(run=_load)

    listing = commands.add_parser(
        "backends", help="list the scan backends and whether they can run here")
    listing.set_defaults(run=_backends)

    demo = commands.add_parser(
        "demo",
        help="time pyrer against rez on rez's own benchmark repository",
        description=_demo.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument("--cache-dir", metavar="DIR",
                      help="where to extract the repository (default: $PYRER_CACHE_DIR, "
                      "else $XDG_CACHE_HOME/pyrer, else ~/.cache/pyrer)")
    demo.add_argument("--runs", type=_positive, default=3, metavar="N",
                      help="timed runs of each side; medians are reported (default 3)")
    demo.add_argument("--backend", default="auto", help="pyrer's backend (default auto)")
    demo.set_defaults(run=_demo_command)
    return parser


def _add_roots(command: argparse.ArgumentParser) -> None:
    """PATH arguments and --paths (see ``_roots``)."""
    command.add_argument("paths", nargs="*", metavar="PATH", help="repository root")
    command.add_argument("--paths", dest="path_list", metavar="PATHS",
                         help=f"repository roots separated by {os.pathsep!r}, as rez-env's "
                         "--paths")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _scan(args: argparse.Namespace) -> int:
    filenames = None
    if args.package_filenames is not None:
        filenames = [name for name in args.package_filenames.split(",") if name]
    roots = _roots(args)
    start = time.perf_counter()
    options = dict(
        backend=args.backend,
        check_package_definition_files=args.check_package_definition_files,
        package_filenames=filenames,
        allow_unversioned_packages=args.allow_unversioned_packages,
        disable_pkg_ignore=args.disable_pkg_ignore,
        file_lock_dir=args.file_lock_dir,
        concurrency=args.concurrency,
        on_error="collect",
    )
    token = _native.CancelToken()  # the progress line reads the scan's progress from it
    with Progress(f"scanning {len(roots)} root(s)", detail=lambda: _families(token)):
        try:
            result = scan_watched("scan_repo", roots, options, token)
        except ValueError as err:
            raise UsageError(err) from None
    elapsed = time.perf_counter() - start
    if args.json:
        _write_json(sys.stdout, result)
    else:
        print(_summary(result, elapsed, args.verbose))
        for problem in result.problems:
            print(f"problem: {problem}", file=sys.stderr)
    # rez says nothing of such a root, but a typo should not look like an empty repository
    for absent in result.absent_roots:
        print(f"pyrer: {absent}", file=sys.stderr)
    failed = result.problems or result.absent_roots
    return EXIT_PROBLEMS if args.check and failed else EXIT_OK


def _load(args: argparse.Namespace) -> int:
    roots = _roots(args)
    start = time.perf_counter()
    with Progress(f"loading {len(roots)} root(s)"):
        try:
            result = load_packages(roots, on_error="collect")
        except RuntimeError as err:  # no rez: the message says what to install
            print(f"pyrer load: {err}", file=sys.stderr)
            return EXIT_UNAVAILABLE
    elapsed = time.perf_counter() - start
    if args.json:
        record = {
            "packages": len(result), "static_reads": result.static_reads,
            "rez_loads": result.rez_loads,
            "rez_reasons": {reason: {"count": count,
                                     "examples": list(result.rez_examples.get(reason, ()))}
                            for reason, count in result.rez_reasons.items()},
            "problems": [{"path": p.path, "operation": p.operation, "errno": p.errno,
                          "message": p.message} for p in result.problems],
            "absent_roots": [{"root": a.root, "reason": a.reason}
                             for a in result.absent_roots],
        }
        print(json.dumps(record))
    else:
        print(f"{len(result)} packages, {result.static_reads} read statically, "
              f"{result.rez_loads} loaded by rez, {len(result.problems)} problems, "
              f"{elapsed * 1e3:.1f} ms")
        if args.why:
            for reason, count in sorted(result.rez_reasons.items(), key=lambda r: -r[1]):
                examples = ", ".join(result.rez_examples.get(reason, ()))
                print(f"  {reason}: {count} (e.g. {examples})")
        for problem in result.problems:
            print(f"problem: {problem}", file=sys.stderr)
    for absent in result.absent_roots:
        print(f"pyrer: {absent}", file=sys.stderr)
    return EXIT_OK


def _families(token: _native.CancelToken) -> str:
    """A scan's progress: "812 of 1266 families", or that it is reading the roots."""
    listed, total = token.progress()
    return f"{listed} of {total} families" if total else "reading the roots"


def _roots(args: argparse.Namespace) -> list[str]:
    """PATH arguments, then --paths; neither: rez's packages_path."""
    roots = list(args.paths)
    if args.path_list is not None:
        roots += [p for p in args.path_list.split(os.pathsep) if p]
    if roots:
        return roots
    packages_path = _options.rez_packages_path()
    if packages_path is None:
        raise UsageError("no PATH given, and rez (which supplies packages_path) "
                         "is not installed")
    return packages_path


def _summary(result: ScanResult, elapsed: float, verbose: bool) -> str:
    families = len({(p.root, p.family) for p in result})
    line = (f"{families} families, {len(result)} packages, {len(result.problems)} problems, "
            f"{elapsed * 1e3:.1f} ms")
    if verbose:
        line += f"\nbackend {result.backend}"
        if result.fallback_reason:
            line += f" (auto chose it: {result.fallback_reason})"
    return line


def _write_json(out: TextIO, result: ScanResult) -> None:
    """JSON Lines: packages, then problems, then absent roots. Strings hold non-UTF-8 bytes as
    surrogate escapes (\\udcXX), as os.fsdecode gives them."""
    for p in result:
        record: dict[str, Any] = {"root": p.root, "family": p.family, "kind": p.kind,
                                  "version": p.version, "format": p.format, "path": p.path}
        out.write(json.dumps(record) + "\n")
    for problem in result.problems:
        record = {"path": problem.path, "operation": problem.operation,
                  "errno": problem.errno, "message": problem.message}
        out.write(json.dumps({"problem": record}) + "\n")
    for absent in result.absent_roots:
        out.write(json.dumps({"absent_root": {"root": absent.root, "reason": absent.reason}})
                  + "\n")


def _demo_command(args: argparse.Namespace) -> int:
    try:  # checks the backend before the long work: a scan of no roots
        scan_repo([], backend=args.backend, **_options.REZ_DEFAULTS)
    except ValueError as err:
        raise UsageError(err) from None
    return _demo.run(args.cache_dir, args.runs, args.backend)


def _backends(args: argparse.Namespace) -> int:
    for name, reason in backends().items():
        print(f"{name}: {'available' if reason is None else 'unavailable: ' + reason}")
    return EXIT_OK
