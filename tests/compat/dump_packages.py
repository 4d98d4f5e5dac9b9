"""Dumps rez's benchmark repository, as loaded by rez, to JSON for solve_peer.py.

Run with a python that imports rez (3.4.0 in the project's venv)::

    python tests/compat/dump_packages.py --cache-dir DIR --repo PACKAGES_DIR [--force]

prints the path of the JSON file it wrote (or found): ``DIR/rc3-peer/benchmark-rez-<ver>.json``
holding ``{"rez_version", "requests", "packages"}`` where ``requests`` are the 188 requests
of ``rez/data/benchmarking/requests.json`` and ``packages`` is every package of the
repository (``rez/data/benchmarking/packages.tar.gz``) as rez loads it: ``name``,
``str(version)``, ``[str(r) for r in requires]``, ``[[str(r) for r in v] for v in variants]``
(the arguments an rc3 user passes to ``pyrer.PackageData``), families by name and each
family's packages in rez's version order.

``--repo`` is the extracted ``packages`` directory (the test suite's ``bench_repo``
fixture extracts it, with ``pyrer._demo.benchmark_repository``). rez runs with its default configuration: every
``REZ_*`` variable is dropped and the home config is disabled before rez is imported.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

for _key in [k for k in os.environ if k.startswith("REZ_")]:
    del os.environ[_key]
os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"


def rez_data_dir() -> Path:
    spec = importlib.util.find_spec("rez")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"rez is not importable in {sys.executable}")
    return Path(list(spec.submodule_search_locations)[0], "data", "benchmarking")


def load(repo: Path) -> list[dict]:
    from rez.packages import iter_package_families

    out = []
    for fam in sorted(iter_package_families(paths=[str(repo)]), key=lambda f: f.name):
        for pkg in sorted(fam.iter_packages(), key=lambda p: p.version):
            out.append({
                "name": pkg.name,
                "version": str(pkg.version),
                "requires": [str(r) for r in (pkg.requires or [])],
                "variants": [[str(r) for r in v] for v in (pkg.variants or [])],
            })
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache-dir", required=True, type=Path)
    ap.add_argument("--repo", type=Path, required=True,
                    help="the extracted benchmark 'packages' directory")
    ap.add_argument("--force", action="store_true", help="rewrite the JSON even if present")
    args = ap.parse_args()

    import rez

    cache = args.cache_dir.absolute()
    out = cache / "rc3-peer" / f"benchmark-rez-{rez.__version__}.json"
    if out.is_file() and not args.force:
        print(out)
        return 0
    repo = args.repo.absolute()
    requests = json.loads((rez_data_dir() / "requests.json").read_text())
    packages = load(repo)
    if not packages or not requests:
        sys.exit(f"nothing loaded from {repo}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps({"rez_version": rez.__version__, "requests": requests,
                               "packages": packages}))
    tmp.replace(out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
