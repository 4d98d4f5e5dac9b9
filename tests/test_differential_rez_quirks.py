"""The rez 3.4.0 behaviour the dumper (tools/rez_enumerate.py) relies on: the order of
its configuration overrides (docs/enumeration.md EDGE-57, EDGE-57b)."""

from __future__ import annotations

import json
import subprocess

from harness import TIMEOUT


def test_rez_override_quirks(tmp_path, rez_python):
    """EDGE-57 / EDGE-57b (ENUM-2.2, ENUM-2.3): the rez behaviour the dumper's override
    order relies on."""
    repo = tmp_path / "r"
    (repo / "fam" / "1.0").mkdir(parents=True)
    script = r"""
import os, sys, json
for k in list(os.environ):
    if k.startswith("REZ_"):
        del os.environ[k]
os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
from rez.config import config
from rez.package_repository import package_repository_manager as m
P = "plugins.package_repository.filesystem."
out = {}
# EDGE-57b: a plugin override followed by a top-level override is lost
config.override(P + "check_package_definition_files", True)
config.override("allow_unversioned_packages", True)
out["57b_check_after_toplevel"] = config.plugins.package_repository.filesystem.check_package_definition_files
# EDGE-57: overriding after the repo exists has no effect until a new repo is built
repo = m.get_repository("filesystem@" + sys.argv[1])
fam = next(iter(repo.iter_package_families()))
out["57_before"] = [p.get("version") for p in repo.iter_packages(fam)]
config.override(P + "check_package_definition_files", True)
repo.clear_caches()
fam = next(iter(repo.iter_package_families()))
out["57_same_repo"] = [p.get("version") for p in repo.iter_packages(fam)]
m.clear_caches()
repo = m.get_repository("filesystem@" + sys.argv[1])
fam = next(iter(repo.iter_package_families()))
out["57_new_repo"] = [p.get("version") for p in repo.iter_packages(fam)]
print(json.dumps(out))
"""
    proc = subprocess.run([rez_python, "-c", script, str(repo)], capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out == {"57b_check_after_toplevel": False, "57_before": ["1.0"],
                   "57_same_repo": ["1.0"], "57_new_repo": []}, out
