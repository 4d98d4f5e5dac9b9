"""End-to-end resolve benchmark: stock rez and pyrer.solve(package_paths=), side by side.

Every measurement is ONE resolve of one request of rez's benchmark (``requests.json``)
over rez's benchmark repository (1266 families, 18226 packages), in a fresh Python
process. Modes:

* ``stock``: ``ResolvedContext(request, package_paths=[repo], add_implicit_packages=False)``
  with rez's builtin filesystem repository;
* ``hook``: the same ``ResolvedContext`` call with ``PYRER_REZ_SOLVER=1``: rez's resolve,
  its solve answered by pyrer (its presolve is then rez's loads around pyrer's answer);
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

In cold-local and fuse, the child (``e2e_child.py``) drops the page cache (``drop_caches``, needs root) right before the
timed resolve, after warming its imports with a resolve over a two-package temporary
repository. It reports the wall time of the resolve call (repository creation included)
and its PRESOLVE time: the wall time the resolving thread spends, nested calls counted
once, in

* repository enumeration: ``rez.packages.iter_packages`` and ``iter_package_families``
  (the call and every ``next()``), ``get_package_family_from_repository``,
  ``PackageRepositoryManager.get_repository``, and pyrer's scan (``pyrer._api.scan_repo``);
* package loading: computing a resource's ``_data`` (rez's lazy load: finding
  ``package.py``, reading and running it), and ``package_repo_stats.package_loading``.
  rez 3.4.0 never enters the latter, so ``package_repo_stats.package_load_time`` (also
  recorded, as ``rez_load_s``) stays 0 and cannot be used on its own.

Work on other threads (e.g. read-ahead) counts only while the resolving thread waits
inside one of these calls. Modes run interleaved (per condition: for each run, request,
mode); the report gives medians and checks that all modes agree on status and the set
of (name, version, variant_index), and that stock did not use pyrer's scanner.

Usage (from the repository root, as root, with pyrer installed in .venv by
tools/build_pyrer.sh and latencyfs built by ``cargo build --release -p pyrer-benches``):

    .venv/bin/python benches/e2e.py [--requests all|subset|0,2,5] [--runs 3]
        [--modes stock,solve[,solve-noreadahead]] [--conditions cold-local,warm-local,fuse]
        [--write benches/RESULTS.md] [--json OUT]

Exit status 0 when every mode agrees on every request and stock measurements used rez's
repository alone, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import conditions
from conditions import (
    CHILD_TIMEOUT, LATENCYFS_ARGS, NOISE_RATIO, NOISE_SECONDS, machine_facts, ratio, runs_done,
)
from e2e_child import RESULT_TAG

BEGIN, END = "<!-- e2e:begin -->", "<!-- e2e:end -->"

# mode -> (how the child resolves: e2e_child.KINDS, environment it gets)
MODES: dict[str, tuple[str, dict[str, str]]] = {
    "stock": ("context", {}),
    "hook": ("context", {"PYRER_REZ_SOLVER": "1"}),
    "solve": ("solve", {}),
    "solve-noreadahead": ("solve", {"PYRER_READAHEAD": "0"}),
}
PYRER_ENV = ("PYRER_REZ_SOLVER", "PYRER_READAHEAD")  # cleared, then set per mode


def measure(mode: str, request: list[str], path: Path, cold: bool) -> dict[str, Any]:
    """Runs one child process (e2e_child.py); returns its record."""
    env = {k: v for k, v in os.environ.items() if k not in PYRER_ENV}
    env.update(MODES[mode][1], **conditions.memcached_env())
    cmd = [sys.executable, str(Path(__file__).with_name("e2e_child.py")), "--kind",
           MODES[mode][0], "--request", json.dumps(request), "--path", str(path)]
    if cold:
        cmd.append("--drop-caches")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(RESULT_TAG)]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} child failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    record: dict[str, Any] = json.loads(lines[-1][len(RESULT_TAG):])
    return record


def describe(rec: dict[str, Any]) -> str:
    return (f"{len(rec['resolved']):3} pkgs  total {rec['total_s']:7.3f} s  presolve "
            f"{rec['presolve_s']:7.3f} s  ({rec['loads']} loads, {rec['scans']} scans)")


def disagreements(records: list[dict[str, Any]]) -> list[str]:
    """Requests where the modes (or runs) differ in status or resolved set, and measurements
    where stock rez used pyrer's scanner (a stray switch in the environment)."""
    found = [f"{r['condition']} #{r['request']} {r['mode']}: {r['scans']} pyrer scans"
             for r in records if r["mode"] == "stock" and r["scans"] > 0]
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
                     indexes: list[int], memcached: str = "off") -> list[str]:
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
        if memcached == "warm":  # rez's resolve cache hits: no solve at all on rez's side
            how = ("both take rez's path (target: no slower than stock, summed within "
                   f"{NOISE_RATIO:.0%}: **{'met' if total >= 1 / (1 + NOISE_RATIO) else 'not met'}**)"
                   if MODES[m][0] == "context" else
                   "`pyrer.solve` has no resolve cache: a cache hit in rez is faster")
            lines.append(f"- **{m}**: summed total {total:.2f}× stock's speed; {how}.")
            continue
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
        "## End-to-end resolves: stock rez, "
        + ("the solver hook, " if "hook" in args.modes else "") + "pyrer.solve(package_paths=)",
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
        "`hook`: `ResolvedContext(...)` with `PYRER_REZ_SOLVER=1`; "
        "`solve`: `pyrer.solve(request, package_paths=[repo])`."
        + (" rez configured with a memcached on the loopback address (`memcached_uri`), "
           + ("filled by an untimed first run of the same requests and modes"
              if args.memcached == "warm" else "emptied before each measurement") + "."
           if args.memcached != "off" else ""),
        "",
    ]
    for condition in args.conditions:
        where = ("local disk, page cache dropped" if condition == "cold-local" else
                 "local disk, page cache warm" if condition == "warm-local" else
                 "`latencyfs " + " ".join(LATENCYFS_ARGS) + "`, a fresh mount per measurement")
        lines += [f"### {condition}: {where}", ""]
        lines += condition_report(records, condition, args.modes, indexes, args.memcached)
        lines.append("")
    lines.append("**Agreement:** " + ("all modes give the same status and (name, version, "
                                      "variant_index) set on every request." if not problems
                                      else "PROBLEMS: " + "; ".join(problems)))
    lines.append(END)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = conditions.parse(conditions.arguments(__doc__.split("\n\n")[0], MODES,
                                                ["stock", "solve"]), argv, MODES)
    bench, _requests, indexes, records = conditions.run(args, measure, describe)
    problems = disagreements(records)
    return conditions.finish(args, report(args, records, indexes, bench, problems), problems,
                             BEGIN, END)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("e2e.py: interrupted")
