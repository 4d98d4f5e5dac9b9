"""Static reads and whole-repository loads on package files as rez's own writer writes them:
pyrer against PyPI's pyrer 1.0.0rc3 and against rez 3.4.0, side by side in one run.

The repository is rez's benchmark repository re-released by rez's writer
(``tests/rez_written.py``: commands, block-string descriptions, release data, config
scopes, rez-pip attributes, tests, ``@late`` requires, local installs, CRLF copies; built
once under ``.cache/bench/rez-written``, as for ``e2e.py --repository rez-written``).

* **parse**: ``parse_static_packages_py(paths)`` of all 18226 ``package.py`` files, ours
  (this wheel) and rc3's (in its own virtualenv), each side in a fresh process per run,
  the sides interleaved run by run. ``warm``: the page cache warm; ``cold``: the page
  cache dropped (``drop_caches``, needs root) before each run. The wall time of the call,
  and how many files each side returned data for.
* **load**: ``pyrer.load_packages(root)`` against rez loading the same packages
  (``iter_package_families``, then every package's ``requires`` and ``variants``, which
  loads its file), warm, fresh process per run. The files only rez can load (``@late``
  requires, old-format release data) cost pyrer what they cost rez; the report also
  estimates the ratio on the statically read files alone (pyrer's load less its rez
  loads, against rez's mean time per file).

Usage (from the repository root, pyrer installed in .venv by tools/build_pyrer.sh)::

    .venv/bin/python benches/static_reads.py [--runs 5] [--load-runs 3] [--rc3-python PY]
        [--write benches/RESULTS.md]
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import conditions  # noqa: E402
import solve_only  # noqa: E402
from solve_only import rc3_python, run_child  # noqa: E402

BEGIN, END = "<!-- static-reads:begin -->", "<!-- static-reads:end -->"
TAG = "STATIC-READS "


def child_parse(root: str) -> None:
    """One side's parse of every package file under `root` (this process's pyrer)."""
    import pyrer

    paths = sorted(glob.glob(f"{root}/*/*/package.py"))
    start = time.perf_counter()
    out = pyrer.parse_static_packages_py(paths)
    seconds = time.perf_counter() - start
    print(TAG + json.dumps({"seconds": seconds, "files": len(paths),
                            "read": sum(p is not None for p in out)}), flush=True)


def child(python: str, *args: str, script: str = __file__, tag: str = TAG) -> dict[str, Any]:
    """The one record of a child process (`script --child ARGS`) run by `python`."""
    records = run_child(python, *args, script=script, tag=tag)
    assert len(records) == 1, (args, records)
    return records[0]


def median(records: list[dict[str, Any]], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="parse runs per side and cache state")
    ap.add_argument("--load-runs", type=int, default=3, help="load runs per side")
    ap.add_argument("--rc3-python")
    ap.add_argument("--write", type=Path)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _, root = args.child  # "parse ROOT", the only child of this script
        child_parse(root)
        return 0

    from solve_differential import benchmark, write_section

    bench, _ = benchmark()
    root = conditions.rez_written(bench)
    ours, rc3 = sys.executable, args.rc3_python or rc3_python()
    parse: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for state in ("warm", "cold"):
        if state == "warm":
            conditions.warm_page_cache(root)
        for run in range(args.runs):
            for side, python in (("pyrer", ours), ("rc3", rc3)):
                if state == "cold":
                    conditions.drop_caches()
                record = child(python, "parse", str(root))
                parse.setdefault((state, side), []).append(record)
                print(f"[parse {state} {run + 1}/{args.runs}] {side:5} "
                      f"{record['seconds']:.3f} s, {record['read']} of {record['files']} read",
                      flush=True)
    load: dict[str, list[dict[str, Any]]] = {}
    conditions.warm_page_cache(root)
    for run in range(args.load_runs):
        for side in ("pyrer", "rez"):
            # solve_only.py's load child: the same load, timed the same way
            record = child(ours, "load", side, str(root), script=solve_only.__file__,
                           tag=solve_only.TAG)
            load.setdefault(side, []).append(record)
            print(f"[load {run + 1}/{args.load_runs}] {side:5} {record['seconds']:.2f} s",
                  flush=True)

    sys.path.insert(0, str(conditions.REPO / "tests"))
    import rez_written

    files = sorted(Path(root).glob("*/*/package.py"))
    alone = sum(rez_written.file_alone(p) for p in files)
    ours_load, rez_load = median(load["pyrer"]), median(load["rez"])
    last = load["pyrer"][-1]
    static_seconds = ours_load - last["rez_load_ms"] / 1000.0
    rez_per_file = rez_load / len(files)
    lines = [
        BEGIN,
        "## Static reads and loads on the rez-written repository",
        "",
        f"Command: `.venv/bin/python benches/static_reads.py --runs {args.runs} "
        f"--load-runs {args.load_runs}`; {conditions.machine_facts()}. The repository: "
        f"rez's benchmark repository re-released by rez's own writer (`tests/rez_written.py`), "
        f"{len(files)} package files, {alone} of them data from the file alone (the rest have "
        "`@late` requires or old-format release data beside them, which only rez can load). "
        "Medians of interleaved runs, each side in a fresh process.",
        "",
        "| `parse_static_packages_py` of every file | pyrer | rc3 | pyrer / rc3 |",
        "|---|---|---|---|",
    ]
    for state in ("warm", "cold"):
        p, r = median(parse[(state, "pyrer")]), median(parse[(state, "rc3")])
        lines.append(f"| {state} page cache | {p:.3f} s | {r:.3f} s | {p / r:.2f}× |")
    p_read, r_read = parse[("warm", "pyrer")][0]["read"], parse[("warm", "rc3")][0]["read"]
    lines += [
        "",
        f"Files returned with data: pyrer {p_read}, rc3 {r_read} of {len(files)} (every value "
        "pyrer returns equals rez's load: `tests/python/test_rez_written.py`, "
        "`tests/test_static_reader.py`).",
        "",
        "| load every package (warm) | time |",
        "|---|---|",
        f"| rez 3.4.0 | {rez_load:.2f} s |",
        f"| `pyrer.load_packages` | {ours_load:.2f} s ({rez_load / ours_load:.1f}× faster): "
        f"{last['static']} read statically, {last['rez_loads']} loaded by rez in "
        f"{last['rez_load_ms'] / 1000.0:.2f} s |",
        "",
        f"On the {last['static']} statically read packages alone, pyrer spends about "
        f"{static_seconds:.2f} s (the load less its rez loads) against about "
        f"{rez_per_file * last['static']:.2f} s for rez (its mean time per file): "
        f"about {rez_per_file * last['static'] / max(static_seconds, 1e-9):.0f}×.",
        END,
    ]
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section(args.write, body, BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
