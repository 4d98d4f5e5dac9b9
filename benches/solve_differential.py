"""Differential of pyrer.solve against stock rez over rez's 188-case benchmark.

Every request of rez's ``rez/data/benchmarking/requests.json`` is resolved twice over
the extracted ``packages.tar.gz`` (1266 families, 18226 packages):

* stock rez: ``ResolvedContext(request, package_paths=[bench], add_implicit_packages=False)``
  with rez's builtin filesystem repository;
* pyrer: ``pyrer.solve(request, package_paths=[bench])`` (rer's port of rez's solver over
  pyrer's loader: scanner lookups, the guarded static reader, rez for the rest).

Both must give the same status and the same set of (name, version, variant_index).
Then, for a sample of requests, ``solve(package_paths=...)`` must equal
``solve(packages=[PackageData.from_rez(p) for every package])`` (the in-memory repository).

Usage (from the repository root, with pyrer installed in .venv by tools/build_pyrer.sh):

    .venv/bin/python benches/solve_differential.py [--only 0,2,5] [--memory-sample N]
        [--write benches/RESULTS.md] [--json OUT]

Exit status 0 when every compared request agrees, 1 otherwise.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"  # rez's defaults: no user configuration
for _k in [k for k in os.environ if k.startswith("REZ_") and k != "REZ_DISABLE_HOME_CONFIG"]:
    del os.environ[_k]

REPO = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- solve:begin -->", "<!-- solve:end -->"


def benchmark() -> tuple[Path, list[list[str]]]:
    from pyrer import _demo

    bench = _demo.benchmark_repository(os.environ.get("PYRER_CACHE_DIR") or str(REPO / ".cache" / "pyrer"))
    spec = importlib.util.find_spec("rez")
    assert spec is not None and spec.origin is not None
    requests = json.loads((Path(spec.origin).parent / "data" / "benchmarking" / "requests.json").read_text())
    return Path(bench), requests


def stock(request: list[str], bench: Path) -> tuple[str, list[Any], float]:
    from rez.resolved_context import ResolvedContext

    start = time.perf_counter()
    try:
        ctx = ResolvedContext(request, package_paths=[str(bench)], add_implicit_packages=False)
    except Exception as err:
        return "error", [repr(err)], time.perf_counter() - start
    seconds = time.perf_counter() - start
    status = ctx.status.name if ctx.status.name in ("solved", "failed") else "error"
    resolved = sorted((v.name, str(v.version), v.index) for v in ctx.resolved_packages or [])
    return status, resolved, seconds


def with_pyrer(request: list[str], bench: Path, **kw: Any) -> tuple[str, list[Any], float]:
    import pyrer

    start = time.perf_counter()
    result = pyrer.solve(request, **kw) if "packages" not in kw else pyrer.solve(
        request, kw["packages"])
    seconds = time.perf_counter() - start
    return result.status, sorted(result.resolved), seconds


def fresh_rez() -> None:
    """Drops rez's in-process caches so each side pays for its own loads."""
    from rez.package_repository import package_repository_manager
    from rez.serialise import clear_file_caches

    package_repository_manager.clear_caches()
    clear_file_caches()
    gc.collect()


def all_packages(bench: Path) -> list[Any]:
    import pyrer
    from rez.packages import iter_package_families

    return [pyrer.PackageData.from_rez(p)
            for fam in iter_package_families(paths=[str(bench)])
            for p in fam.iter_packages()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated request indexes (default: all 188)")
    ap.add_argument("--memory-sample", type=int, default=20,
                    help="requests also solved over PackageData of every package (default 20; 0: skip)")
    ap.add_argument("--write", type=Path, help="write the summary into this RESULTS.md")
    ap.add_argument("--json", type=Path, help="write per-request results here")
    args = ap.parse_args(argv)

    bench, requests = benchmark()
    indexes = ([int(i) for i in args.only.split(",")] if args.only else list(range(len(requests))))
    rows, mismatches = [], []
    stock_total = pyrer_total = 0.0
    for i in indexes:
        fresh_rez()
        s_status, s_resolved, s_time = stock(requests[i], bench)
        fresh_rez()
        p_status, p_resolved, p_time = with_pyrer(requests[i], bench, package_paths=[str(bench)])
        same = (s_status, s_resolved) == (p_status, p_resolved)
        stock_total += s_time
        pyrer_total += p_time
        rows.append({"index": i, "status": s_status, "same": same, "packages": len(s_resolved),
                     "rez_s": round(s_time, 4), "pyrer_s": round(p_time, 4)})
        if not same:
            mismatches.append(i)
            print(f"MISMATCH {i}: rez {s_status} {s_resolved}\n  pyrer {p_status} {p_resolved}",
                  file=sys.stderr)
        print(f"[{i:3}] {s_status:6} {'same' if same else 'DIFF'} rez {s_time:6.2f}s "
              f"pyrer {p_time:6.2f}s", flush=True)

    memory_checked = memory_same = 0
    if args.memory_sample:
        fresh_rez()
        datas = all_packages(bench)
        sample = indexes[:: max(1, len(indexes) // args.memory_sample)][: args.memory_sample]
        for i in sample:
            a = with_pyrer(requests[i], bench, package_paths=[str(bench)])
            b = with_pyrer(requests[i], bench, packages=datas)
            memory_checked += 1
            if a[:2] == b[:2]:
                memory_same += 1
            else:
                mismatches.append(f"memory:{i}")
                print(f"MEMORY MISMATCH {i}: paths {a[:2]}\n  packages {b[:2]}", file=sys.stderr)

    same = sum(r["same"] for r in rows)
    statuses = {s: sum(r["status"] == s for r in rows) for s in ("solved", "failed", "error")}
    summary = (f"{same}/{len(rows)} requests identical (status and resolved (name, version, "
               f"variant_index)); rez statuses: {statuses}; "
               f"solve(package_paths) == solve(packages=PackageData of all 18226 packages): "
               f"{memory_same}/{memory_checked}; total wall time rez {stock_total:.1f} s, "
               f"pyrer.solve {pyrer_total:.1f} s")
    print(summary)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    if args.write:
        write_results(args.write, rows, summary, stock_total, pyrer_total)
    return 0 if not mismatches else 1


def write_results(path: Path, rows: list[dict[str, Any]], summary: str, stock_total: float,
                  pyrer_total: float) -> None:
    import platform

    import pyrer
    import rez

    slow = sorted(rows, key=lambda r: -r["rez_s"])[:5]
    body = "\n".join([
        BEGIN,
        "## pyrer.solve against stock rez: the 188 benchmark requests",
        "",
        f"Command: `.venv/bin/python benches/solve_differential.py --write benches/RESULTS.md` "
        f"(rez {rez.__version__}, pyrer {pyrer.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; warm page cache; rez's in-process caches dropped before every "
        f"solve on both sides).",
        "",
        f"**Result:** {summary}.",
        "",
        "Slowest requests (seconds):",
        "",
        "| request | status | packages | rez | pyrer.solve |",
        "|---|---|---|---|---|",
        *[f"| {r['index']} | {r['status']} | {r['packages']} | {r['rez_s']:.2f} | {r['pyrer_s']:.2f} |"
          for r in slow],
        "",
        "pyrer.solve runs rer's Rust port of rez's solver over pyrer's loader: each family",
        "the solver needs is looked up with the scanner, the package files of the versions",
        "in its range are read statically where the guard allows (every benchmark file),",
        "rez loads the rest, and read-ahead loads the families requirements name. Each",
        "solve starts from nothing (included in its time); rez's caches are dropped before",
        "each of its solves.",
        END,
    ])
    write_section(path, body, BEGIN, END)


def write_section(path: Path, body: str, begin: str, end: str) -> None:
    """Replaces the section between the markers `begin` and `end` of `path` with `body`
    (which carries the markers), or appends it. Also used by e2e.py."""
    text = path.read_text() if path.exists() else ""
    if begin in text and end in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _m: body, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
