"""Differential of rez's ``ResolvedContext`` with the solver hook on against stock.

Every request of rez's ``rez/data/benchmarking/requests.json`` (or ``--only``) is resolved
through ``ResolvedContext(request, package_paths=[bench], add_implicit_packages=...)``
with implicit packages on and off, in two fresh processes of the same python:

* stock: ``PYRER_REZ_SOLVER=0`` (rez's own solver);
* hooked: ``PYRER_REZ_SOLVER=1`` (pyrer answers the solve; rez builds the context).

Both must give the same status and the same resolved variants (name, version, index,
in rez's order), and the hooked side must have answered every solved resolve on the
fast path (``pyrer.rez_integration_stats()``), not by a fallback.

Usage (from the repository root, with pyrer installed by tools/build_pyrer.sh):

    .venv/bin/python benches/rez_solver_differential.py [--only 0,2,5] [--json OUT]
        [--stock-from JSON]

(``--stock-from`` reuses the stock side of an earlier ``--json``: it takes most of the time.)

Exit status 0 when every resolve agrees, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def clean_environment(solver: str) -> dict[str, str]:
    """rez's defaults (no user configuration, no REZ_ settings), the hook as asked."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("REZ_", "PYRER_REZ_"))}
    env.update(REZ_DISABLE_HOME_CONFIG="1", PYRER_REZ_SOLVER=solver)
    return env


def benchmark() -> tuple[Path, list[list[str]]]:
    import importlib.util

    from pyrer import _demo

    bench = _demo.benchmark_repository(os.environ.get("PYRER_CACHE_DIR")
                                       or str(REPO / ".cache" / "pyrer"))
    spec = importlib.util.find_spec("rez")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).parent / "data" / "benchmarking" / "requests.json"
    return Path(bench), json.loads(path.read_text())


def child(bench: str, indexes: list[int]) -> None:
    """Resolves each request (implicit packages on, then off); one JSON line each."""
    import pyrer
    from rez.resolved_context import ResolvedContext

    _, requests = benchmark()
    for i in indexes:
        for implicit in (True, False):
            before = pyrer.rez_integration_stats()
            start = time.perf_counter()
            try:
                ctx = ResolvedContext(requests[i], package_paths=[bench],
                                      add_implicit_packages=implicit)
                status = ctx.status.name
                resolved = [[v.name, str(v.version), v.index]
                            for v in ctx.resolved_packages or []]
            except Exception as err:  # rez raises for some requests; so must both sides
                status, resolved = f"raised {type(err).__name__}: {err}", []
            seconds = time.perf_counter() - start
            after = pyrer.rez_integration_stats()
            fallbacks = {k: n - before["fallbacks"].get(k, 0)
                         for k, n in after["fallbacks"].items()
                         if n != before["fallbacks"].get(k, 0)}
            print(json.dumps({"index": i, "implicit": implicit, "status": status,
                              "resolved": resolved, "seconds": seconds,
                              "fast": after["fast_solves"] - before["fast_solves"],
                              "fallbacks": fallbacks}), flush=True)


def run_side(solver: str, bench: Path, indexes: list[int]) -> dict[tuple[int, bool], Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(bench),
         "--only", ",".join(map(str, indexes))],
        env=clean_environment(solver), stdout=subprocess.PIPE, text=True, check=True)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return {(r["index"], r["implicit"]): r for r in records}


def compare(stock: dict, hooked: dict) -> list[str]:
    """Every disagreement, and every solved resolve the fast path did not answer."""
    problems = []
    for key, want in sorted(stock.items()):
        got = hooked.get(key)
        name = f"request {key[0]} (implicit packages {'on' if key[1] else 'off'})"
        if got is None:
            problems.append(f"{name}: missing on the hooked side")
        elif (got["status"], got["resolved"]) != (want["status"], want["resolved"]):
            problems.append(f"{name}: stock {want['status']} {want['resolved']}, "
                            f"hooked {got['status']} {got['resolved']}")
        elif want["status"] == "solved" and got["fast"] != 1:
            problems.append(f"{name}: solved by rez's solver ({got['fallbacks']}), "
                            "not by the fast path")
        elif want["fast"] or want["fallbacks"]:
            problems.append(f"{name}: the stock side went through the hook")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated request indexes (default: all 188)")
    ap.add_argument("--json", type=Path, help="write both sides' records here")
    ap.add_argument("--stock-from", type=Path, metavar="JSON",
                    help="reuse the stock records of an earlier --json run")
    ap.add_argument("--child", metavar="BENCH", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child, [int(i) for i in args.only.split(",")])
        return 0
    bench, requests = benchmark()
    indexes = ([int(i) for i in args.only.split(",")] if args.only
               else list(range(len(requests))))
    start = time.perf_counter()
    if args.stock_from:
        earlier = json.loads(args.stock_from.read_text())["stock"]
        stock = {(r["index"], r["implicit"]): r for r in earlier if r["index"] in indexes}
    else:
        stock = run_side("0", bench, indexes)
    middle = time.perf_counter()
    hooked = run_side("1", bench, indexes)
    end = time.perf_counter()
    problems = compare(stock, hooked)
    if args.json:
        args.json.write_text(json.dumps({"stock": list(stock.values()),
                                         "hooked": list(hooked.values())}, indent=1))
    solved = sum(r["status"] == "solved" for r in stock.values())
    reasons: dict[str, int] = {}
    for r in hooked.values():
        for k, n in r["fallbacks"].items():
            reasons[k] = reasons.get(k, 0) + n
    print(f"{len(stock)} resolves ({len(indexes)} requests, implicit packages on and off): "
          f"{solved} solved; stock "
          + (f"from {args.stock_from}" if args.stock_from else f"{middle - start:.1f} s")
          + f", hooked {end - middle:.1f} s; "
          f"hooked fallbacks {reasons}")
    for line in problems:
        print("DIFFERS:", line)
    print("identical" if not problems else f"{len(problems)} disagreements")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
