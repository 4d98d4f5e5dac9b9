"""First contact from Python: what ``import pyrer`` and the first ``scan_repo`` cost in a
fresh process, and a cold-cache scan from Python against rez's enumeration.

Every measurement is one fresh ``python`` process over rez's benchmark repository
(1266 families, 18226 packages), timed inside the child from before its first import:

* ``first call`` (warm page cache): ``import pyrer``, then ``scan_repo`` twice with rez's
  defaults given explicitly (no rez configuration read). The first call's overhead is
  (import + first scan) − second scan. Also: ``import pyrer`` alone imports neither
  asyncio nor rez (checked);
* ``rez config``: the first scan with unset options, which reads rez's configuration
  (``import rez.config`` and the settings), in a process where rez is not imported yet,
  and again in one where rez's config is already loaded (as in a rez env wrapper);
* ``cold`` (``drop_caches`` before each process, root): a user's script, from before its
  imports to the result: ``import pyrer; pyrer.scan_repo(repo)`` (options from rez's
  configuration) against rez's own enumeration (``iter_package_families`` →
  ``iter_packages`` → ``filepath``, nothing loaded), imports included on both sides.

Usage (from the repository root, pyrer installed in .venv by tools/build_pyrer.sh):

    .venv/bin/python benches/first_call.py [--runs 7] [--write benches/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

BEGIN, END = "<!-- first-call:begin -->", "<!-- first-call:end -->"

FIRST_CALL = r"""
import time
t0 = time.perf_counter()
import sys
import pyrer
t1 = time.perf_counter()
imported = {"asyncio": "asyncio" in sys.modules, "rez": "rez" in sys.modules}
defaults = dict(pyrer._native.REZ_DEFAULTS)
first = pyrer.scan_repo(sys.argv[1], **defaults)
t2 = time.perf_counter()
second = pyrer.scan_repo(sys.argv[1], **defaults)
t3 = time.perf_counter()
assert len(first) == len(second)
import json
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "second": t3 - t2,
                  "imported": imported}))
"""

REZ_CONFIG = r"""
import time, sys, json
preload = sys.argv[2] == "1"
if preload:  # as in a rez env wrapper: rez and its configuration already loaded
    from rez.config import config
    config.plugins.package_repository.filesystem.package_filenames
t0 = time.perf_counter()
import pyrer
first = pyrer.scan_repo(sys.argv[1])  # unset options: rez's configuration
t1 = time.perf_counter()
second = pyrer.scan_repo(sys.argv[1])
t2 = time.perf_counter()
print(json.dumps({"first": t1 - t0, "second": t2 - t1}))
"""

COLD_PYRER = r"""
import time
t0 = time.perf_counter()
import sys, pyrer
n = len(pyrer.scan_repo(sys.argv[1]))
print(n, time.perf_counter() - t0)
"""


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_"))}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    return env


def child(code: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code, *args], env=environment(),
                          capture_output=True, text=True, check=True)
    return proc.stdout.strip().splitlines()[-1]


def drop_caches() -> None:
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    from solve_differential import benchmark, write_section

    from pyrer import _demo

    bench, _ = benchmark()
    child(FIRST_CALL, str(bench))  # warms the page cache
    first = [json.loads(child(FIRST_CALL, str(bench))) for _ in range(args.runs)]
    config = {flag: [json.loads(child(REZ_CONFIG, str(bench), flag)) for _ in range(args.runs)]
              for flag in ("0", "1")}
    cold: dict[str, list[float]] = {"pyrer": [], "rez": []}
    counts = {}
    if os.geteuid() == 0:
        for _ in range(args.runs):
            for side, code, extra in (("pyrer", COLD_PYRER, []),
                                      ("rez", _demo.REZ_ENUMERATE.read_text(), ["--with-imports"])):
                drop_caches()
                n, seconds = child(code, str(bench), *extra).split()[:2]
                cold[side].append(float(seconds))
                counts[side] = int(n)

    def med(values: list[float]) -> float:
        return statistics.median(values) * 1e3

    overhead = [r["import"] + r["first"] - r["second"] for r in first]
    cfg_cost = {flag: [r["first"] - r["second"] for r in rs] for flag, rs in config.items()}
    leaked = sorted({name for r in first for name, present in r["imported"].items() if present})
    lines = [BEGIN, "## First contact from Python: `import pyrer` and the first scan", "",
             f"Command: `.venv/bin/python benches/first_call.py --runs {args.runs}` "
             f"(medians of {args.runs} fresh processes each; milliseconds).", "",
             "| measurement | median ms |", "|---|---|",
             f"| `import pyrer` | {med([r['import'] for r in first]):.1f} |",
             f"| first `scan_repo` (rez defaults given) | {med([r['first'] for r in first]):.1f} |",
             f"| second `scan_repo` (the scan itself) | {med([r['second'] for r in first]):.1f} |",
             f"| **first-call overhead** (import + first − second) | **{med(overhead):.1f}** "
             "(target ≤ 15) |",
             f"| reading rez's configuration, rez not yet imported | {med(cfg_cost['0']):.1f} |",
             f"| the same with rez's config already loaded (import + first − second) | "
             f"{med(cfg_cost['1']):.1f} (target ≤ 15) |", ""]
    lines.append("`import pyrer` alone imports " + (", ".join(leaked) if leaked
                                                    else "neither asyncio nor rez") + ".")
    if cold["pyrer"]:
        ratio = statistics.median(cold["rez"]) / statistics.median(cold["pyrer"])
        lines += ["", f"Cold cache (`drop_caches` before each process), from before the "
                  f"imports to the result: pyrer {med(cold['pyrer']):.0f} ms "
                  f"({counts['pyrer']} packages), rez {med(cold['rez']):.0f} ms "
                  f"({counts['rez']} packages): **{ratio:.1f}×** (target ≥ 5×)."]
    lines.append(END)
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section(args.write, body, BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
