"""Solve-only and load benchmarks: pyrer (this wheel), PyPI's pyrer 1.0.0rc3, and rez 3.4.0,
side by side in one run.

* **solve**: every request of rez's benchmark (``requests.json``, 188) solved over the
  same in-memory packages: the 18226 packages of rez's benchmark repository as rez loads
  them (``tests/compat/dump_packages.py``), given as one ``PackageData`` list to
  ``pyrer.solve(request, packages)`` (ours and rc3's, each in its own virtualenv), and to
  rez's solver as a memory repository (``ResolvedContext(request,
  package_paths=["memory@..."], add_implicit_packages=False)``, its caches warm after a
  first pass). Each side runs in one fresh process per run; per request, the wall time of
  the call. All three must agree on status and resolve.
* **load**: loading all 18226 package files of the extracted repository, warm page cache,
  fresh process: ``pyrer.load_packages(root)`` (scan, concurrent reads, guarded static
  reader, rez for the rest) against rez (``iter_package_families``, then every package's
  ``requires`` and ``variants``, which loads its file).

Usage (from the repository root, pyrer installed in .venv by tools/build_pyrer.sh)::

    .venv/bin/python benches/solve_only.py [--runs 3] [--rc3-python PY] [--only 0,5]
        [--write benches/RESULTS.md] [--solve-only]

``--rc3-python`` is a python with ``pyrer==1.0.0rc3`` installed; without it one is made
under ``.cache/bench/rc3-venv`` (pip, from PyPI). Exit status 1 if the sides disagree.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "bench"
BEGIN, END = "<!-- solve-only:begin -->", "<!-- solve-only:end -->"
TAG = "solve-only "


def child_solve(side: str, packages_json: Path, only: list[int] | None) -> None:
    data = json.loads(packages_json.read_text())
    requests = data["requests"]
    indexes = only if only is not None else list(range(len(requests)))
    if side == "rez":
        from rez.resolved_context import ResolvedContext
        from rez.package_repository import package_repository_manager
        from rez.utils.resources import ResourcePool
        from rezplugins.package_repository.memory import MemoryPackageRepository

        repo_data: dict[str, dict[str, Any]] = {}
        for p in data["packages"]:
            entry = {"name": p["name"], "version": p["version"], "requires": p["requires"]}
            if p["variants"]:
                entry["variants"] = p["variants"]
            repo_data.setdefault(p["name"], {})[p["version"]] = entry
        repo = MemoryPackageRepository("pyrer-bench", ResourcePool(cache_size=None))
        repo.data = repo_data
        package_repository_manager.repositories["memory@pyrer-bench"] = repo

        def solve(request: list[str]) -> tuple[str, list[Any]]:
            ctx = ResolvedContext(request, package_paths=["memory@pyrer-bench"],
                                  add_implicit_packages=False)
            status = ctx.status.name if ctx.status.name in ("solved", "failed") else "error"
            return status, sorted([v.name, str(v.version), v.index]
                                  for v in ctx.resolved_packages or [])
        for i in indexes[:3]:  # rez's resource caches warm, as for pyrer's prepared list
            solve(requests[i])
    else:
        import pyrer

        pkgs = [pyrer.PackageData(p["name"], p["version"], p["requires"], p["variants"])
                for p in data["packages"]]

        def solve(request: list[str]) -> tuple[str, list[Any]]:
            r = pyrer.solve(request, pkgs)
            return r.status, sorted(list(x) for x in r.resolved)
    for i in indexes:
        start = time.perf_counter()
        status, resolved = solve(requests[i])
        seconds = time.perf_counter() - start
        print(TAG + json.dumps({"request": i, "status": status, "resolved": resolved,
                                "seconds": seconds}), flush=True)


def child_load(side: str, root: str) -> None:
    start = time.perf_counter()
    if side == "pyrer":
        import pyrer

        loaded = pyrer.load_packages(root)
        count, static = len(loaded), loaded.static_reads
        rez_loads, rez_load_ms = loaded.rez_loads, loaded.stats["rez_load_ms"]
    else:
        from rez.packages import iter_package_families

        count = static = rez_loads = 0
        rez_load_ms = 0.0
        for family in iter_package_families(paths=[root]):
            for pkg in family.iter_packages():
                pkg.requires, pkg.variants
                count += 1
    print(TAG + json.dumps({"seconds": time.perf_counter() - start, "packages": count,
                            "static": static, "rez_loads": rez_loads,
                            "rez_load_ms": rez_load_ms}), flush=True)


def run_child(python: str, *args: str, script: str = __file__,
              tag: str = TAG) -> list[dict[str, Any]]:
    """The records `script --child ARGS` (this one by default) prints after `tag`, run by
    `python` in a fresh process with rez's configuration defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    proc = subprocess.run([python, str(Path(script).resolve()), "--child", *args],
                          capture_output=True, text=True, env=env, timeout=7200)
    if proc.returncode != 0:
        raise RuntimeError(f"{python} {args}: exit {proc.returncode}\n{proc.stderr[-3000:]}")
    return [json.loads(ln[len(tag):]) for ln in proc.stdout.splitlines() if ln.startswith(tag)]


def rc3_python() -> str:
    venv = CACHE / "rc3-venv"
    python = venv / "bin" / "python"
    if not python.is_file():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pyrer==1.0.0rc3"],
                       check=True)
    return str(python)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rc3-python")
    ap.add_argument("--only", help="comma-separated request indexes (default all 188)")
    ap.add_argument("--write", type=Path)
    ap.add_argument("--solve-only", action="store_true",
                    help="only the solve comparison of pyrer and rc3 (no rez, no load)")
    args = ap.parse_args(argv)
    dump = subprocess.run([sys.executable, str(REPO / "tests" / "compat" / "dump_packages.py"),
                           "--cache-dir", str(CACHE)], capture_output=True, text=True, check=True)
    packages_json = Path(dump.stdout.strip().splitlines()[-1])
    from pyrer import _demo

    root = _demo.benchmark_repository(str(CACHE / "demo"))
    pythons = {"pyrer": sys.executable, "rc3": args.rc3_python or rc3_python()}
    if not args.solve_only:
        pythons["rez"] = sys.executable
    only = ["--only", args.only] if args.only else []
    times: dict[str, dict[int, list[float]]] = {side: {} for side in pythons}
    outcomes: dict[str, dict[int, Any]] = {side: {} for side in pythons}
    loads: dict[str, list[float]] = {"pyrer": [], "rez": []}
    load_counts: dict[str, Any] = {}
    for run in range(args.runs):
        for side, python in pythons.items():  # interleaved: each run, every side
            for rec in run_child(python, "solve", side, str(packages_json), *only):
                times[side].setdefault(rec["request"], []).append(rec["seconds"])
                outcomes[side][rec["request"]] = (rec["status"], rec["resolved"])
            print(f"run {run + 1}: {side} solve {sum(v[-1] for v in times[side].values()):.2f} s",
                  flush=True)
        for side in loads if not args.solve_only else ():
            rec = run_child(sys.executable, "load", side, str(root))[0]
            loads[side].append(rec["seconds"])
            load_counts[side] = rec
            print(f"run {run + 1}: {side} load {rec['seconds']:.2f} s", flush=True)
    indexes = sorted(outcomes["pyrer"])
    differ = [i for i in indexes if len({json.dumps(outcomes[side][i]) for side in pythons}) > 1]
    med = {side: {i: statistics.median(times[side][i]) for i in indexes} for side in pythons}
    total = {side: sum(med[side].values()) for side in pythons}
    per_request = {other: statistics.median(med[other][i] / med["pyrer"][i] for i in indexes)
                   for other in pythons if other != "pyrer"}
    if args.solve_only:
        print(f"pyrer {total['pyrer']:.2f} s, rc3 {total['rc3']:.2f} s summed: pyrer is "
              f"{total['rc3'] / total['pyrer']:.2f}x rc3 (median per request "
              f"{per_request['rc3']:.2f}x); agreement {len(indexes) - len(differ)}/{len(indexes)}")
        return 1 if differ else 0
    load_med = {side: statistics.median(v) for side, v in loads.items()}
    command = shlex.join([os.path.relpath(sys.executable), "benches/solve_only.py",
                          *(argv if argv is not None else sys.argv[1:])])
    lines = [
        BEGIN, "## Solve only, and loading every package", "",
        f"Command: `{command}`; {os.cpu_count()} CPUs; medians of {args.runs} interleaved runs, "
        "each side in a fresh process per run.", "",
        f"**Solve**, {len(indexes)} requests over the same 18226 in-memory packages "
        f"(summed medians): pyrer {total['pyrer']:.2f} s, rc3 {total['rc3']:.2f} s, "
        f"rez {total['rez']:.2f} s. pyrer is {total['rc3'] / total['pyrer']:.2f}× rc3 and "
        f"{total['rez'] / total['pyrer']:.1f}× rez summed (median per request: "
        f"{per_request['rc3']:.2f}× rc3, {per_request['rez']:.1f}× rez). Targets: no slower "
        f"than rc3 (**{'met' if total['pyrer'] <= total['rc3'] * 1.05 else 'not met'}**, 5% "
        f"noise allowed), at least 12× rez (**{'met' if total['rez'] >= 12 * total['pyrer'] else 'not met'}**). "
        f"Agreement (status and resolve, all three): "
        f"{len(indexes) - len(differ)}/{len(indexes)}" + (f", differ: {differ}" if differ else "")
        + ".", "",
        f"**Load all {load_counts['pyrer']['packages']} packages** (warm page cache): "
        f"`pyrer.load_packages` {load_med['pyrer']:.2f} s "
        f"({load_counts['pyrer']['static']} read statically) against rez "
        f"{load_med['rez']:.2f} s: {load_med['rez'] / load_med['pyrer']:.0f}× faster.",
        END,
    ]
    body = "\n".join(lines)
    print(body)
    if args.write:
        sys.path.insert(0, str(REPO / "benches"))
        from solve_differential import write_section

        write_section(args.write, body, BEGIN, END)
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        kind, side, *rest = sys.argv[2:]
        if kind == "solve":
            only_at = rest.index("--only") if "--only" in rest else None
            only = [int(i) for i in rest[only_at + 1].split(",")] if only_at is not None else None
            child_solve(side, Path(rest[0]), only)
        else:
            child_load(side, rest[0])
        sys.exit(0)
    sys.exit(main())
