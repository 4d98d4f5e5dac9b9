"""Many ``rez env`` at once on one node: stock rez against rez with pyrer's solver hook.

A farm node runs many ``rez env`` at the same time. Each measurement starts
``--processes`` (default 16) processes together,

    rez-env --paths REPO <request> -- printenv REZ_USED_RESOLVE

process k taking request k of the subset (conditions.py, wrapping around), and times the
whole batch, from the first start to the last exit. Meanwhile a sampler reads every
process's thread count (``Threads:`` of ``/proc/PID/status``) every 5 ms: the report gives
the most threads one process had and the most all of them had at once, so a thread
explosion would show. Modes (``stock``, ``solver``: ``PYRER_REZ_SOLVER=1``) alternate
run by run; conditions are ``warm-local`` and ``cold-local`` (page cache dropped before
each batch) on rez's benchmark repository or, with ``--repository rez-written``, the same
packages as rez's own writer writes them.

Usage (as root, from the repository root, pyrer installed in .venv by tools/build_pyrer.sh):

    .venv/bin/python benches/concurrent.py [--processes 16] [--runs 3]
        [--conditions warm-local,cold-local] [--repository benchmark|rez-written]
        [--write benches/RESULTS.md]

Exit status 0 when both modes gave every process the same resolve, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import conditions
from conditions import REPOSITORIES, SUBSET, drop_caches, machine_facts, ratio, warm_page_cache

BEGIN, END = "<!-- concurrent:begin -->", "<!-- concurrent:end -->"
REZ_ENV = Path(sys.executable).parent / "rez-env"
MODES = {"stock": {}, "solver": {"PYRER_REZ_SOLVER": "1"}}
SAMPLE_S = 0.005


def threads_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def batch(mode: str, requests: list[list[str]], path: Path) -> dict[str, Any]:
    """One batch: every request in its own process, all started together."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYRER_")}
    env.update(MODES[mode], REZ_DISABLE_HOME_CONFIG="1")
    start = time.perf_counter()
    procs = [subprocess.Popen([str(REZ_ENV), "--paths", str(path), *request, "--", "printenv",
                               "REZ_USED_RESOLVE"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True) for request in requests]
    most = [0] * len(procs)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            counts = [threads_of(p.pid) if p.poll() is None else 0 for p in procs]
            most[:] = [max(a, b) for a, b in zip(most, counts)]
            peak = max(peak, sum(counts))
            time.sleep(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    outputs = [p.communicate(timeout=conditions.CHILD_TIMEOUT)[0].strip() for p in procs]
    total = time.perf_counter() - start
    done.set()
    sampler.join()
    return {"total_s": total, "resolves": outputs,
            "codes": [p.returncode for p in procs], "most_threads": max(most),
            "peak_threads": peak}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--processes", type=int, default=16)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--conditions", default="warm-local,cold-local")
    ap.add_argument("--repository", choices=REPOSITORIES, default="benchmark")
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit("concurrent.py needs root (drop_caches)")
    from solve_differential import benchmark, write_section

    bench, all_requests = benchmark()
    if args.repository == "rez-written":
        bench = conditions.rez_written(bench)
    indexes = [SUBSET[k % len(SUBSET)] for k in range(args.processes)]
    requests = [all_requests[i] for i in indexes]
    records: list[dict[str, Any]] = []
    for condition in args.conditions.split(","):
        if condition == "warm-local":
            warm_page_cache(bench)
        for run in range(1, args.runs + 1):
            for mode in (MODES if run % 2 else reversed(list(MODES))):
                if condition == "cold-local":
                    drop_caches()
                rec = batch(mode, requests, bench)
                rec.update(condition=condition, run=run, mode=mode)
                records.append(rec)
                print(f"[{condition} {run}/{args.runs}] {mode:7} {rec['total_s']:7.2f} s, "
                      f"{rec['most_threads']} threads in one process at most, "
                      f"{rec['peak_threads']} in all at once", flush=True)
    problems = [f"{c} run {r}: the modes resolved differently"
                for c in args.conditions.split(",") for r in range(1, args.runs + 1)
                if len({tuple(x["resolves"]) + tuple(x["codes"]) for x in records
                        if (x["condition"], x["run"]) == (c, r)}) > 1]
    lines = [BEGIN, f"## {args.processes} `rez env` at once on one node"
             + (f", on the {args.repository} repository" if args.repository != "benchmark"
                else ""), "",
             f"Command: `.venv/bin/python benches/concurrent.py --processes {args.processes} "
             f"--runs {args.runs} --conditions {args.conditions}"
             + (f" --repository {args.repository}" if args.repository != "benchmark" else "")
             + f"` ({machine_facts()}).", "",
             f"{args.processes} `rez-env --paths REPO <request> -- printenv REZ_USED_RESOLVE` "
             f"started together (requests {', '.join(map(str, indexes))} of rez's benchmark), "
             "timed from the first start to the last exit; modes alternate run by run; "
             f"medians of {args.runs} runs. Threads: sampled every 5 ms from `/proc`.", "",
             "| condition | stock | solver hook | stock / hook | most threads in one process "
             "(stock, hook) | most threads in all at once (stock, hook) |",
             "|---|---|---|---|---|---|"]
    for condition in args.conditions.split(","):
        got = {m: [r for r in records if (r["condition"], r["mode"]) == (condition, m)]
               for m in MODES}
        median = {m: statistics.median(r["total_s"] for r in got[m]) for m in MODES}
        most = {m: max(r["most_threads"] for r in got[m]) for m in MODES}
        peak = {m: max(r["peak_threads"] for r in got[m]) for m in MODES}
        lines.append(f"| {condition} | {median['stock']:.2f} s | {median['solver']:.2f} s | "
                     f"{ratio(median['stock'], median['solver']):.2f}× | "
                     f"{most['stock']}, {most['solver']} | {peak['stock']}, {peak['solver']} |")
    lines += ["", "Both modes gave every process the same resolve." if not problems
              else "**Problems:** " + "; ".join(problems), END]
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section(args.write, body, BEGIN, END)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
