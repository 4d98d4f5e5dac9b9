"""One measurement of benches/e2e.py, in a fresh Python process: one resolve of one
request, with the time the resolving thread spends enumerating and loading packages
(its PRESOLVE time; e2e.py's docstring says which calls count).

    python benches/e2e_child.py --kind context|solve --request JSON --path REPO [--drop-caches]

Prints one line, ``e2e-result {json}``: status, resolved [name, version, variant_index],
total_s, presolve_s, loads, scans, rez_load_s.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from conditions import drop_caches

RESULT_TAG = "e2e-result "  # prefix of the result line on stdout
KINDS = ("context", "solve")  # ResolvedContext, or pyrer.solve(package_paths=)


class Presolve:
    """Wall time the resolving thread spends inside timed calls, nested calls counted once."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.depth = 0
        self.entered = 0.0
        self.seconds = 0.0
        self.loads = 0  # package data loaded (resources with data)
        self.scans = 0  # pyrer scans (0: pyrer's repository was not used)

    def reset(self) -> None:
        self.seconds, self.loads, self.scans = 0.0, 0, 0

    def __enter__(self) -> None:
        if threading.get_ident() == self.thread:
            if self.depth == 0:
                self.entered = time.perf_counter()
            self.depth += 1

    def __exit__(self, *exc: object) -> None:
        if threading.get_ident() == self.thread:
            self.depth -= 1
            if self.depth == 0:
                self.seconds += time.perf_counter() - self.entered

    def call(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self:
                return fn(*args, **kwargs)
        return timed

    def generator(self, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with self:
                items = fn(*args, **kwargs)
            while True:
                with self:
                    try:
                        item = next(items)
                    except StopIteration:
                        return
                yield item
        return timed


def replace_everywhere(original: Any, replacement: Any) -> None:
    """Rebinds every module-level name bound to `original` (``from x import f`` copies too)."""
    for module in list(sys.modules.values()):
        for name, value in list(getattr(module, "__dict__", {}).items()):
            if value is original:
                setattr(module, name, replacement)


def install_timers(timer: Presolve) -> None:
    """Times repository enumeration and package loading; imports rez and pyrer."""
    import rez.packages
    import rez.resolved_context  # noqa: F401 (imported so its `iter_packages` is rebound)
    import rez.solver  # noqa: F401 (likewise)
    import rezplugins.package_repository.filesystem  # noqa: F401
    from rez.package_repository import PackageRepositoryGlobalStats, PackageRepositoryManager
    from rez.utils import data_utils
    from rez.utils.resources import Resource

    import pyrer
    from pyrer import _api, _solve  # noqa: F401 (loaded lazily by a resolve)
    from pyrer.rez import load  # noqa: F401

    generators: list[Any] = [rez.packages.iter_packages, rez.packages.iter_package_families]
    for fn in generators:
        replace_everywhere(fn, timer.generator(fn))
    replace_everywhere(rez.packages.get_package_family_from_repository,
                       timer.call(rez.packages.get_package_family_from_repository))
    scan = pyrer.scan_repo

    def timed_scan(*args: Any, **kwargs: Any) -> Any:
        timer.scans += 1
        with timer:
            return scan(*args, **kwargs)

    replace_everywhere(scan, timed_scan)
    setattr(PackageRepositoryManager, "get_repository",
            timer.call(PackageRepositoryManager.get_repository))

    load = vars(Resource)["_data"].func  # rez's cached_property around the lazy load

    def timed_load(resource: Any) -> Any:
        with timer:
            data = load(resource)
        timer.loads += data is not None
        return data

    cached_property: Any = data_utils.cached_property  # (`property` to type checkers)
    setattr(Resource, "_data", cached_property(timed_load, "_data"))
    loading = PackageRepositoryGlobalStats.package_loading

    @contextlib.contextmanager
    def timed_loading(stats: Any) -> Iterator[None]:
        with timer, loading(stats):
            yield

    setattr(PackageRepositoryGlobalStats, "package_loading", timed_loading)


def resolve(kind: str, request: list[str], path: str) -> dict[str, Any]:
    """One resolve: status, sorted [name, version, variant_index] (and pyrer's own presolve)."""
    if kind == "solve":
        import pyrer

        result = pyrer.solve(request, package_paths=[path])
        return {"status": result.status, "resolved": sorted(map(list, result.resolved)),
                "pyrer_presolve_s": result.presolve_time_ms / 1000.0,
                "pyrer_stats": result.presolve}
    from solve_differential import stock

    status, resolved, _seconds = stock(request, Path(path))
    if status == "error":
        return {"status": "error", "resolved": [], "error": resolved[0]}
    return {"status": status, "resolved": [list(r) for r in resolved]}


# Two families in the benchmark's package.py format: a resolve over them loads every
# module a real resolve loads lazily (repository plugin, scanner, package.py loading).
WARM_PACKAGES = {
    "e2ewarm": "requires = ['e2edep']\n\nvariants = [['e2edep-1.0']]\n",
    "e2edep": "requires = []\n",
}


def warm_up(kind: str) -> None:
    with tempfile.TemporaryDirectory(prefix="e2e-warm-") as tmp:
        for name, body in WARM_PACKAGES.items():
            pkg = Path(tmp, name, "1.0.0")
            pkg.mkdir(parents=True)
            pkg.joinpath("package.py").write_text(
                f"name = '{name}'\n\nversion = '1.0.0'\n\n{body}\n"
                "timestamp = 1600130028\n\nformat_version = 2\n")
        outcome = resolve(kind, ["e2ewarm"], tmp)
        if outcome["status"] != "solved":
            raise RuntimeError(f"warm-up resolve failed: {outcome}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="e2e_child.py")
    ap.add_argument("--kind", choices=KINDS, required=True)
    ap.add_argument("--request", required=True, help="the request, as a JSON list")
    ap.add_argument("--path", required=True, help="the package path")
    ap.add_argument("--drop-caches", action="store_true")
    args = ap.parse_args(argv)
    kind = args.kind
    timer = Presolve()
    install_timers(timer)
    warm_up(kind)
    if args.drop_caches:
        drop_caches()
    from rez.package_repository import package_repo_stats

    timer.reset()
    rez_load = package_repo_stats.package_load_time
    start = time.perf_counter()
    outcome = resolve(kind, json.loads(args.request), args.path)
    total = time.perf_counter() - start
    outcome.update(total_s=total, presolve_s=timer.seconds, loads=timer.loads, scans=timer.scans,
                   rez_load_s=package_repo_stats.package_load_time - rez_load)
    if kind == "solve":  # pyrer's pipeline runs in Rust: its own account of the wait
        stats = outcome["pyrer_stats"]
        outcome.update(presolve_s=outcome["pyrer_presolve_s"], scans=stats["families"],
                       loads=stats["static_reads"] + stats["rez_loads"])
    print(RESULT_TAG + json.dumps(outcome), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
