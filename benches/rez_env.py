"""``rez env`` benchmark: stock rez against rez with pyrer's solver hook, each run as the
user runs it, one fresh process per measurement.

Every measurement is the wall time of one command, from its start to its exit:

    rez-env --paths REPO <request> -- printenv REZ_USED_RESOLVE

(a command as cheap as ``true`` that also prints the resolve, so that the modes are
checked to agree), over rez's benchmark repository (1266 families, 18226 packages),
implicit packages on as in a user's shell. Python's start, rez's imports, the
resolve, the context and the shell are all in it. Modes:

* ``stock``: no pyrer switch;
* ``solver``: ``PYRER_REZ_SOLVER=1`` (pyrer answers the solve).

Conditions as in conditions.py: ``cold-local`` (page cache dropped right before the command, so
Python's and rez's own files start cold too), ``warm-local``, and ``fuse`` (the
repository through ``latencyfs`` with 1 ms per FUSE reply, mounted fresh per
measurement). Modes run interleaved (per condition: for each run, request, mode). After
the timed runs, one untimed ``solver`` run per request with rez's plugin debug
output checks that pyrer's fast path answered each solved request (and rez's solver,
by the ``not_solved`` fallback, each failed one).

Usage (from the repository root, as root, pyrer installed in .venv by
tools/build_pyrer.sh, latencyfs built by ``cargo build --release -p pyrer-benches``):

    .venv/bin/python benches/rez_env.py [--requests subset|all|0,2,5] [--runs 3]
        [--conditions cold-local,warm-local,fuse] [--write benches/RESULTS.md] [--json OUT]

Exit status 0 when the modes agree on every request and the fast path answered as
above, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import conditions
from conditions import (
    CHILD_TIMEOUT, NOISE_RATIO, NOISE_SECONDS, drop_caches, machine_facts, ratio, runs_done,
)

BEGIN, END = "<!-- rez-env:begin -->", "<!-- rez-env:end -->"
REZ_ENV = Path(sys.executable).parent / "rez-env"
MODES: dict[str, dict[str, str]] = {
    "stock": {},
    "solver": {"PYRER_REZ_SOLVER": "1"},
}
TARGET = 5.0  # solver at least 5x faster than stock, summed, in every condition


def environment(mode: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYRER_")}
    env.update(MODES[mode], REZ_DISABLE_HOME_CONFIG="1", **conditions.memcached_env(), **extra)
    return env


def command(request: list[str], path: Path) -> list[str]:
    return [str(REZ_ENV), "--paths", str(path), *request, "--", "printenv", "REZ_USED_RESOLVE"]


def measure(mode: str, request: list[str], path: Path, cold: bool) -> dict[str, Any]:
    env = environment(mode)
    if cold:
        drop_caches()
    start = time.perf_counter()
    proc = subprocess.run(command(request, path), env=env, capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT)
    total = time.perf_counter() - start
    return {"status": "solved" if proc.returncode == 0 else "failed",
            "resolve": proc.stdout.strip(), "total_s": total}


def describe(rec: dict[str, Any]) -> str:
    return f"{len(rec['resolve'].split()):3} pkgs  {rec['total_s']:7.3f} s"


def check_fast_path(bench: Path, requests: list[list[str]], indexes: list[int],
                    records: list[dict[str, Any]]) -> list[str]:
    """Solved requests answered by pyrer, failed ones by rez's solver (one untimed run each)."""
    problems = []
    for i in indexes:
        status = next(r["status"] for r in records if r["request"] == i)
        proc = subprocess.run(command(requests[i], bench), capture_output=True, text=True,
                              env=environment("solver", REZ_DEBUG_PLUGINS="1"))
        text = proc.stdout + proc.stderr
        want = ("pyrer: resolve answered by pyrer" if status == "solved"
                else "pyrer: fallback to rez's solver (not_solved)")
        if want not in text:
            problems.append(f"#{i} ({status}): no '{want}' in rez's debug output")
    return problems


def disagreements(records: list[dict[str, Any]]) -> list[str]:
    found = []
    for condition, i in sorted({(r["condition"], r["request"]) for r in records}):
        outcomes = {(r["status"], r["resolve"]) for r in records
                    if (r["condition"], r["request"]) == (condition, i)}
        if len(outcomes) > 1:
            found.append(f"{condition} #{i}: the modes or runs differ: {sorted(outcomes)}")
    return found


def condition_report(records: list[dict[str, Any]], condition: str,
                     indexes: list[int], memcached: str = "off") -> list[str]:
    modes = list(MODES)
    median = {(i, m): statistics.median(r["total_s"] for r in records
                                        if (r["condition"], r["request"], r["mode"])
                                        == (condition, i, m))
              for i in indexes for m in modes}
    lines = [f"### {condition}", "",
             "| request | status | packages | " + " | ".join(modes)
             + " | stock / solver |", "|" + "---|" * (len(modes) + 4)]
    worse = []
    for i in indexes:
        rec = next(r for r in records if (r["condition"], r["request"]) == (condition, i))
        fast, stock = median[(i, "solver")], median[(i, "stock")]
        if fast > stock * (1 + NOISE_RATIO) and fast - stock > NOISE_SECONDS:
            worse.append(i)
        lines.append(f"| {i} | {rec['status']} | {len(rec['resolve'].split())} | "
                     + " | ".join(f"{median[(i, m)]:.3f}" for m in modes)
                     + f" | {ratio(stock, fast):.1f}× |")
    sums = {m: sum(median[(i, m)] for i in indexes) for m in modes}
    speedup = ratio(sums["stock"], sums["solver"])
    lines.append("| **sum** |  |  | " + " | ".join(f"{sums[m]:.3f}" for m in modes)
                 + f" | {speedup:.1f}× |")
    never_slower = ("**met**." if not worse else f"**not met** (requests {worse}).")
    if memcached == "warm":  # rez's resolve cache hits: both sides take rez's path
        slower = sums["solver"] > sums["stock"] * (1 + NOISE_RATIO)
        lines += ["", f"- **solver**: summed {speedup:.2f}× stock's speed (target where rez's "
                  f"resolve cache hits: no slower than stock, summed within 10%: "
                  f"**{'not met' if slower else 'met'}**); never slower than stock beyond "
                  f"noise (> 10% and > 50 ms) on any request: " + never_slower, ""]
        return lines
    lines += ["", f"- **solver**: summed {speedup:.1f}× faster than stock (target ≥ "
              f"{TARGET:g}×: **{'met' if speedup >= TARGET else 'not met'}**); never slower "
              f"than stock beyond noise (> 10% and > 50 ms): " + never_slower, ""]
    return lines


def report(args: argparse.Namespace, records: list[dict[str, Any]], indexes: list[int],
           problems: list[str]) -> str:
    conditions = [c for c in args.conditions if any(r["condition"] == c for r in records)]
    lines = [BEGIN, "## `rez env`: stock rez, and rez with the solver hook", "",
             f"Command: `.venv/bin/python benches/rez_env.py --runs {args.runs} --conditions "
             f"{','.join(args.conditions)}"
             + (f" --repository {args.repository}" if args.repository != "benchmark" else "")
             + (f" --memcached {args.memcached}" if args.memcached != "off" else "")
             + f"` ({machine_facts()}).", "",
             f"Requests {', '.join(map(str, indexes))} of rez's benchmark `requests.json`; "
             "medians of interleaved runs (" + runs_done(records, conditions) + "), "
             "seconds of wall time of one `rez-env --paths REPO <request> -- printenv "
             "REZ_USED_RESOLVE` process each (implicit packages on). `solver`: "
             "`PYRER_REZ_SOLVER=1`."
             + (" rez configured with a memcached on the loopback address (`memcached_uri`, "
                "rez's defaults for what it caches), "
                + ("filled by an untimed first run of the same requests and modes"
                   if args.memcached == "warm" else "emptied before each measurement") + "."
                if args.memcached != "off" else ""), ""]
    for condition in conditions:
        lines += condition_report(records, condition, indexes, args.memcached)
    checked = (", and the fast path answered every solved one" if args.memcached == "off"
               else "")
    lines.append(f"Every mode gave the same resolve for every request{checked}."
                 if not problems else "**Problems:** " + "; ".join(problems))
    lines.append(END)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = conditions.parse(conditions.arguments(__doc__.split("\n\n")[0]), argv, MODES)
    bench, requests, indexes, records = conditions.run(args, measure, describe)
    problems = disagreements(records)
    if not args.report_from and args.memcached == "off":
        # with memcached, a cached resolve is rez's answer on every side (no hook runs):
        # tests/python/test_memcached.py checks that
        problems += check_fast_path(bench, requests, indexes, records)
    return conditions.finish(args, report(args, records, indexes, problems), problems,
                             BEGIN, END)


if __name__ == "__main__":
    sys.exit(main())
