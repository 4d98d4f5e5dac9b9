"""End-to-end resolve benchmark: stock rez, pyrer's rez plugin and pyrer.solve, side by side.

Every measurement is ONE resolve of one request of rez's benchmark (``requests.json``)
over rez's benchmark repository (1266 families, 18226 packages), in a fresh Python
process. Modes:

* ``stock``: ``ResolvedContext(request, package_paths=[repo], add_implicit_packages=False)``
  with rez's builtin filesystem repository (``PYRER_REZ_PLUGIN`` unset);
* ``plugin``: the same call with ``PYRER_REZ_PLUGIN=1``: rez's ``filesystem`` repository
  type is pyrer's scanner-backed one (its ``rez.plugins.package_repository`` entry point);
* ``plugin-noprefetch``: as ``plugin``, plus ``PYRER_REZ_PREFETCH=0``;
* ``solve``: ``pyrer.solve(request, package_paths=[repo])``: pyrer's pipeline in Rust
  (scanner lookups, concurrent reads, the guarded static reader, rez only for files it
  must evaluate, read-ahead) and rer's solver. Its presolve is pyrer's own
  ``presolve_time_ms`` (the solver's wait for packages);
* ``solve-noreadahead``: as ``solve``, with ``PYRER_READAHEAD=0`` (no read-ahead).

Conditions:

* ``cold-local``: the repository on local disk, page cache dropped before the timed call;
* ``warm-local``: the same with the page cache warm (every file of the repository read
  once before the condition starts, and no drop);
* ``fuse``: the repository through ``latencyfs`` (every FUSE reply delayed by 1 ms), mounted
  fresh for every measurement so the kernel's caches of the mount start cold.

In cold-local and fuse, the child drops the page cache (``drop_caches``, needs root) right before the
timed resolve, after warming its imports with a resolve over a two-package temporary
repository. It reports the wall time of the resolve call (repository creation included)
and its PRESOLVE time: the wall time the resolving thread spends, nested calls counted
once, in

* repository enumeration: ``rez.packages.iter_packages`` and ``iter_package_families``
  (the call and every ``next()``), ``get_package_family_from_repository``,
  ``PackageRepositoryManager.get_repository``, and pyrer's scan (``pyrer._api.scan_repo``,
  which the plugin runs);
* package loading: computing a resource's ``_data`` (rez's lazy load: finding
  ``package.py``, reading and running it), and ``package_repo_stats.package_loading``.
  rez 3.4.0 never enters the latter, so ``package_repo_stats.package_load_time`` (also
  recorded, as ``rez_load_s``) stays 0 and cannot be used on its own.

Work on other threads (e.g. a prefetch) counts only while the resolving thread waits
inside one of these calls. Modes run interleaved (per condition: for each run, request,
mode); the report gives medians and checks that all modes agree on status and the set
of (name, version, variant_index), and that plugin and solve did use pyrer's repository
(a failing plugin falls back to rez's with a warning).

Usage (from the repository root, as root, with pyrer installed in .venv by
tools/build_pyrer.sh and latencyfs built by ``cargo build --release -p pyrer-benches``):

    .venv/bin/python benches/e2e.py [--requests all|subset|0,2,5] [--runs 3]
        [--modes stock,plugin,solve[,plugin-noprefetch]] [--conditions cold-local,warm-local,fuse]
        [--write benches/RESULTS.md] [--json OUT]

Exit status 0 when every mode agrees on every request and plugin/solve measurements used
pyrer's repository (stock ones rez's), 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from conditions import (
    CHILD_TIMEOUT, CONDITIONS, LATENCYFS, LATENCYFS_ARGS, MOUNTPOINT, NOISE_RATIO, NOISE_SECONDS, SUBSET,
    drop_caches, exclusive, machine_facts, repository_in, ratio, runs_done, stop_on_signal,
    warm_page_cache,
)

REPO = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- e2e:begin -->", "<!-- e2e:end -->"
RESULT_TAG = "e2e-result "  # prefix of the child's JSON line on stdout

# mode -> (how the child resolves, environment it gets)
MODES: dict[str, tuple[str, dict[str, str]]] = {
    "stock": ("context", {}),
    "plugin": ("context", {"PYRER_REZ_PLUGIN": "1"}),
    "plugin-noprefetch": ("context", {"PYRER_REZ_PLUGIN": "1", "PYRER_REZ_PREFETCH": "0"}),
    "solve": ("solve", {}),
    "solve-noreadahead": ("solve", {"PYRER_READAHEAD": "0"}),
}
PYRER_ENV = ("PYRER_REZ_PLUGIN", "PYRER_REZ_PREFETCH", "PYRER_READAHEAD")  # cleared, then set per mode


# ---------------------------------------------------------------- child: one measurement

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
    from pyrer import _api, _rez_repo, _solve  # noqa: F401 (loaded lazily by a resolve)

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
    from rez.resolved_context import ResolvedContext

    try:
        ctx = ResolvedContext(request, package_paths=[path], add_implicit_packages=False)
    except Exception as err:
        return {"status": "error", "resolved": [], "error": repr(err)}
    status = ctx.status.name if ctx.status.name in ("solved", "failed") else "error"
    return {"status": status,
            "resolved": sorted([v.name, str(v.version), v.index]
                               for v in ctx.resolved_packages or [])}


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


def child(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="e2e.py --child")
    ap.add_argument("--mode", choices=MODES, required=True)
    ap.add_argument("--request", required=True, help="the request, as a JSON list")
    ap.add_argument("--path", required=True, help="the package path")
    ap.add_argument("--drop-caches", action="store_true")
    args = ap.parse_args(argv)
    kind = MODES[args.mode][0]
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


# ---------------------------------------------------------------- parent: measurements

def measure(mode: str, request: list[str], path: Path, cold: bool = True) -> dict[str, Any]:
    """Runs one child process; returns its record."""
    env = {k: v for k, v in os.environ.items() if k not in PYRER_ENV}
    env.update(MODES[mode][1])
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--mode", mode,
           "--request", json.dumps(request), "--path", str(path)]
    if cold:
        cmd.append("--drop-caches")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(RESULT_TAG)]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} child failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    record: dict[str, Any] = json.loads(lines[-1][len(RESULT_TAG):])
    return record


def run_all(args: argparse.Namespace, bench: Path, requests: list[list[str]],
            indexes: list[int]) -> list[dict[str, Any]]:
    records = []
    for condition in args.conditions:
        if condition == "warm-local":
            warm_page_cache(bench)
        for run in range(1, args.runs + 1):
            for i in indexes:
                for mode in args.modes:
                    with repository_in(condition, bench) as (path, cold):
                        rec = measure(mode, requests[i], path, cold)
                    rec.update(condition=condition, run=run, request=i, mode=mode)
                    records.append(rec)
                    if args.json:  # kept current, so an interrupted run keeps its records
                        args.json.write_text(json.dumps(records, indent=1))
                    print(f"[{condition} {run}/{args.runs}] #{i:<3} {mode:17} {rec['status']:6} "
                          f"{len(rec['resolved']):3} pkgs  total {rec['total_s']:7.3f} s  "
                          f"presolve {rec['presolve_s']:7.3f} s  ({rec['loads']} loads, {rec['scans']} scans)",
                          flush=True)
    return records


# ---------------------------------------------------------------- parent: report

def disagreements(records: list[dict[str, Any]]) -> list[str]:
    """Requests where the modes (or runs) differ in status or resolved set, and measurements
    that did not use the repository of their mode (a failing plugin falls back to rez's)."""
    found = [f"{r['condition']} #{r['request']} {r['mode']}: {r['scans']} pyrer scans"
             for r in records if (r["scans"] > 0) != (r["mode"] != "stock")]
    for condition, i in sorted({(r["condition"], r["request"]) for r in records}):
        outcomes = {(r["mode"], r["status"], json.dumps(r["resolved"])) for r in records
                    if (r["condition"], r["request"]) == (condition, i)}
        if len({o[1:] for o in outcomes}) > 1:
            found.append(f"{condition} #{i}: " + "; ".join(
                f"{m} {s} {len(json.loads(res))} pkgs" for m, s, res in sorted(outcomes)))
    return found


def medians(records: list[dict[str, Any]], condition: str, modes: list[str],
            indexes: list[int]) -> dict[int, dict[str, dict[str, Any]]]:
    """request -> mode -> {total, presolve, status, packages} (medians over runs)."""
    table: dict[int, dict[str, dict[str, Any]]] = {}
    for i in indexes:
        for mode in modes:
            rs = [r for r in records
                  if (r["condition"], r["request"], r["mode"]) == (condition, i, mode)]
            table.setdefault(i, {})[mode] = {
                "total": statistics.median(r["total_s"] for r in rs),
                "presolve": statistics.median(r["presolve_s"] for r in rs),
                "status": rs[0]["status"], "packages": len(rs[0]["resolved"])}
    return table


def condition_report(records: list[dict[str, Any]], condition: str, modes: list[str],
                     indexes: list[int]) -> list[str]:
    """The markdown table of one condition, its summary rows and the check of the targets."""
    table = medians(records, condition, modes, indexes)
    others = [m for m in modes if m != "stock"] if "stock" in modes else []
    head = ["request", "status", "packages"]
    for m in modes:
        head += [f"{m} total", f"{m} presolve"]
    for m in others:
        head += [f"{m}/stock presolve", f"{m}/stock total"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    pre_ratios: dict[str, list[float]] = {m: [] for m in others}
    tot_ratios: dict[str, list[float]] = {m: [] for m in others}
    worse: dict[str, list[str]] = {m: [] for m in others}
    for i in indexes:
        row = table[i]
        first = row[modes[0]]
        cells = [f"{i}", first["status"], f"{first['packages']}"]
        for m in modes:
            cells += [f"{row[m]['total']:.3f}", f"{row[m]['presolve']:.3f}"]
        for m in others:
            s, o = row["stock"], row[m]
            pre_ratios[m].append(ratio(o["presolve"], s["presolve"]))
            tot_ratios[m].append(ratio(o["total"], s["total"]))
            cells += [f"{pre_ratios[m][-1]:.2f}", f"{tot_ratios[m][-1]:.2f}"]
            slower = o["total"] - s["total"]
            if slower > NOISE_SECONDS and slower > NOISE_RATIO * s["total"]:
                worse[m].append(f"#{i} (+{slower:.3f} s, {tot_ratios[m][-1]:.2f}×)")
        lines.append("| " + " | ".join(cells) + " |")
    sums = {m: {k: sum(table[i][m][k] for i in indexes) for k in ("total", "presolve")}
            for m in modes}
    cells = ["**sum**", "", ""]
    for m in modes:
        cells += [f"{sums[m]['total']:.3f}", f"{sums[m]['presolve']:.3f}"]
    for m in others:
        cells += [f"{ratio(sums[m]['presolve'], sums['stock']['presolve']):.2f}",
                  f"{ratio(sums[m]['total'], sums['stock']['total']):.2f}"]
    lines.append("| " + " | ".join(cells) + " |")
    if others:
        cells = ["**median ratio**", "", ""] + [""] * (2 * len(modes))
        for m in others:
            cells += [f"{statistics.median(pre_ratios[m]):.2f}",
                      f"{statistics.median(tot_ratios[m]):.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for m in others:
        pre = ratio(sums[m]["presolve"], sums["stock"]["presolve"])
        total = ratio(sums["stock"]["total"], sums[m]["total"])
        lines.append(
            f"- **{m}**: summed pre-solve {pre:.2f} of stock ({1 - pre:.0%} lower; target "
            f"≥ 80% lower: **{'met' if pre <= 0.2 else 'not met'}**); summed total "
            f"{total:.1f}× faster (target ≥ 5×: **{'met' if total >= 5 else 'not met'}**); "
            f"never worse than stock beyond noise (> {NOISE_RATIO:.0%} and "
            f"> {NOISE_SECONDS * 1000:.0f} ms): **{'met' if not worse[m] else 'not met'}**"
            + (f" (worse: {', '.join(worse[m])})" if worse[m] else "") + ".")
    return lines


def report(args: argparse.Namespace, records: list[dict[str, Any]], indexes: list[int],
           bench: Path, problems: list[str]) -> str:
    families = sum(1 for e in os.scandir(bench) if e.is_dir())
    packages = sum(1 for _ in bench.glob("*/*/package.py"))
    python = os.path.relpath(sys.executable, Path.cwd())
    command = shlex.join([python, "benches/e2e.py", *sys.argv[1:]])
    lines = [
        BEGIN,
        "## End-to-end resolves: stock rez, pyrer's rez plugin, pyrer.solve(package_paths=)",
        "",
        f"Command: `{command}` ({machine_facts()}).",
        "",
        f"Requests {', '.join(map(str, indexes))} of rez's benchmark `requests.json` over its "
        f"repository ({families} families, {packages} packages); medians of interleaved runs "
        f"({runs_done(records, args.conditions)}), seconds. Every measurement is one resolve in a fresh Python process "
        "whose imports were warmed by a resolve over a two-package repository, with the page "
        "cache dropped right before the timed call (cold-local, fuse) or warm (warm-local). "
        "**total**: the resolve call "
        "(`ResolvedContext(...)` or `pyrer.solve(...)`, repository creation included). "
        "**presolve**: the wall time it spent, nested calls once, enumerating "
        "(`iter_packages`, `iter_package_families`, `get_repository`, pyrer's scan) and "
        "loading packages (a resource's `_data`: finding, reading and running `package.py`); "
        "for `solve`, pyrer's `presolve_time_ms` (the solver's wait for packages). "
        "`plugin`: `PYRER_REZ_PLUGIN=1`; `plugin-noprefetch`: also `PYRER_REZ_PREFETCH=0`; "
        "`solve`: `pyrer.solve(request, package_paths=[repo])`.",
        "",
    ]
    for condition in args.conditions:
        where = ("local disk, page cache dropped" if condition == "cold-local" else
                 "local disk, page cache warm" if condition == "warm-local" else
                 "`latencyfs " + " ".join(LATENCYFS_ARGS) + "`, a fresh mount per measurement")
        lines += [f"### {condition}: {where}", ""]
        lines += condition_report(records, condition, args.modes, indexes)
        lines.append("")
    lines.append("**Agreement:** " + ("all modes give the same status and (name, version, "
                                      "variant_index) set on every request." if not problems
                                      else "PROBLEMS: " + "; ".join(problems)))
    lines.append(END)
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", default="subset",
                    help="all, subset (the fixed list in this file; default) or indexes 0,2,5")
    ap.add_argument("--modes", default="stock,plugin,solve",
                    help=f"comma-separated, of {','.join(MODES)} (default stock,plugin,solve)")
    ap.add_argument("--conditions", default=",".join(CONDITIONS),
                    help=f"comma-separated, of {','.join(CONDITIONS)} (default both)")
    ap.add_argument("--runs", type=int, default=3, help="runs per mode (default 3)")
    ap.add_argument("--write", type=Path, help="write the section into this RESULTS.md")
    ap.add_argument("--json", type=Path, help="write every measurement's record here")
    ap.add_argument("--report-from", type=Path, metavar="JSON",
                    help="measure nothing: report the records a (possibly interrupted) run "
                         "wrote with --json")
    args = ap.parse_args(argv)
    args.modes = args.modes.split(",")
    args.conditions = args.conditions.split(",")
    for value, allowed in ((args.modes, MODES), (args.conditions, CONDITIONS)):
        if bad := [v for v in value if v not in allowed]:
            ap.error(f"unknown {bad}; choose from {', '.join(allowed)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if os.geteuid() != 0 and not args.report_from:
        sys.exit("e2e.py needs root (drop_caches, FUSE mounts)")
    if "fuse" in args.conditions and not LATENCYFS.is_file() and not args.report_from:
        sys.exit(f"{LATENCYFS} not found: cargo build --release -p pyrer-benches")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop_on_signal)
    # importing it also clears REZ_* from the environment the children inherit
    from solve_differential import benchmark, write_section

    bench, requests = benchmark()
    indexes = (list(range(len(requests))) if args.requests == "all"
               else SUBSET if args.requests == "subset"
               else [int(i) for i in args.requests.split(",")])
    if args.report_from:
        records = json.loads(args.report_from.read_text())
    else:
        with exclusive(MOUNTPOINT.with_suffix(".lock")):
            records = run_all(args, bench, requests, indexes)
    problems = disagreements(records)
    for p in problems:
        print("PROBLEM " + p, file=sys.stderr)
    body = report(args, records, indexes, bench, problems)
    print(body)
    if args.json and not args.report_from:
        args.json.write_text(json.dumps(records, indent=1))
    if args.write:
        write_section(args.write, body, BEGIN, END)
    return 0 if not problems else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        sys.exit(child(sys.argv[2:]))
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("e2e.py: interrupted")
