"""Cold start from Python: a fresh process on a cold page cache, imports and all, resolving
one request with ``pyrer.solve(request, package_paths=[repo])`` against rez's
``ResolvedContext(request, package_paths=[repo], add_implicit_packages=False)``.

Every measurement is one fresh ``python -c`` process, started right after
``drop_caches`` (so Python's, rez's and pyrer's own files start cold as well as the
repository's), timed from before it starts to its exit. Both sides resolve the same
request of the e2e subset (conditions.py) over rez's benchmark repository and print
the resolve, which must agree. Sides alternate request by request.

Usage (as root, from the repository root, pyrer installed in .venv by tools/build_pyrer.sh):

    .venv/bin/python benches/cold_start.py [--runs 3] [--requests subset|0,2,5]
        [--write benches/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from conditions import SUBSET, drop_caches, machine_facts, ratio

BEGIN, END = "<!-- cold-start:begin -->", "<!-- cold-start:end -->"
SIDES = {
    "stock": ("from rez.resolved_context import ResolvedContext\n"
              "c = ResolvedContext(request, package_paths=[root], add_implicit_packages=False)\n"
              "status = c.status.name\n"
              "got = sorted([v.name, str(v.version), v.index] for v in c.resolved_packages or [])\n"),
    "solve": ("import pyrer\n"
              "r = pyrer.solve(request, package_paths=[root])\n"
              "status = r.status\n"
              "got = sorted([n, v, i] for n, v, i in r.resolved)\n"),
}
PROLOGUE = "import json, sys\nrequest, root = json.loads(sys.argv[1]), sys.argv[2]\n"
EPILOGUE = "print(json.dumps([status, got]))\n"
TARGET_MEDIAN, TARGET_EVERY = 5.0, 3.0


def measure(side: str, request: list[str], root: Path) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_"))}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    drop_caches()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", PROLOGUE + SIDES[side] + EPILOGUE,
                           json.dumps(request), str(root)], capture_output=True, text=True,
                          env=env, timeout=600)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{side} {request}: {proc.stderr[-2000:]}")
    return seconds, proc.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--requests", default="subset")
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit("cold_start.py needs root (drop_caches)")
    from solve_differential import benchmark, write_section

    root, requests = benchmark()
    indexes = SUBSET if args.requests == "subset" else [int(i) for i in args.requests.split(",")]
    times: dict[tuple[int, str], list[float]] = {}
    outcomes: dict[int, set[str]] = {}
    for run in range(1, args.runs + 1):
        for i in indexes:
            for side in (SIDES if run % 2 else reversed(list(SIDES))):
                seconds, outcome = measure(side, requests[i], root)
                times.setdefault((i, side), []).append(seconds)
                outcomes.setdefault(i, set()).add(outcome)
                print(f"[{run}/{args.runs}] #{i:<3} {side:5} {seconds:7.3f} s", flush=True)
    median = {k: statistics.median(v) for k, v in times.items()}
    ratios = {i: ratio(median[(i, "stock")], median[(i, "solve")]) for i in indexes}
    differ = [i for i in indexes if len(outcomes[i]) > 1]
    lines = [BEGIN, "## Cold start from Python: `pyrer.solve(package_paths=)` against "
             "`ResolvedContext`", "",
             f"Command: `.venv/bin/python benches/cold_start.py --runs {args.runs}` "
             f"({machine_facts()}).", "",
             "One fresh `python -c` process per measurement, the page cache dropped right "
             "before it starts, timed from its start to its exit (imports, rez's "
             "configuration, thread start-up and the resolve); medians of "
             f"{args.runs} runs, seconds.", "",
             "| request | packages | stock | solve | stock / solve |", "|---|---|---|---|---|"]
    for i in indexes:
        status, got = json.loads(next(iter(outcomes[i])))
        lines.append(f"| {i} | {len(got) if status == 'solved' else status} | "
                     f"{median[(i, 'stock')]:.3f} | {median[(i, 'solve')]:.3f} | "
                     f"{ratios[i]:.1f}× |")
    med, least = statistics.median(ratios.values()), min(ratios.values())
    lines += ["", f"Median request {med:.1f}× faster (target ≥ {TARGET_MEDIAN:g}×: "
              f"**{'met' if med >= TARGET_MEDIAN else 'not met'}**); every request at least "
              f"{least:.1f}× (target ≥ {TARGET_EVERY:g}×: "
              f"**{'met' if least >= TARGET_EVERY else 'not met'}**). "
              + ("Both sides gave the same resolve on every request." if not differ
                 else f"**The sides differ on {differ}.**"), END]
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section(args.write, body, BEGIN, END)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
