"""The package as shipped: the wheel installs and works in a venv without rez,
and the type stubs match the runtime (mypy.stubtest) and type-check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from harness import REPO

WITHOUT_REZ = r"""
import json, os, sys
try:
    import rez
    sys.exit("rez is importable")
except ImportError:
    pass
import pyrer
root = sys.argv[1]
result = pyrer.scan_repo(root)  # unset options: rez's defaults
try:
    pyrer.solve(["fam"], package_paths=[root])
    solve_error = None
except RuntimeError as err:
    solve_error = str(err)
data = pyrer.solve(["fam"], [pyrer.PackageData("fam", "1.0")])
static = pyrer.parse_static_package_py(
    "name = 'fam'\nversion = '1.0'\nrequires = ['x-1']\ntimestamp = 1\n")
import pyrer_rez_hook  # the hook's switch imports without rez
print(json.dumps({"paths": [os.path.relpath(p.path, root) for p in result],
                  "backend": result.backend, "backends": pyrer.backends(),
                  "solve_error": solve_error,
                  "data": [data.status, data.failure_description, data.resolved],
                  "static": [static.name, static.version, static.requires]}))
"""


def test_wheel_contents(wheel):
    assert "-cp39-abi3-" in wheel.name  # one wheel for every CPython >= 3.9
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("pyrer/__init__.py", "pyrer/_native.pyi",
                 "pyrer/py.typed", "pyrer/_native.abi3.so", "pyrer/rez/__init__.py",
                 "pyrer/rez/solver.py", "pyrer_rez_hook/__init__.py", "pyrer_rez_hook.pth"):
        assert name in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), sorted(names)
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    for field in ("Summary: rez's package solver in Rust", "License-Expression: Apache-2.0",
                  "License-File: LICENSE", "Project-URL: ", "Keywords: "):
        assert field in metadata, field


def test_runs_without_rez(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)  # no rez, nothing but the wheel
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--quiet", "--no-index", "--no-deps", "--disable-pip-version-check",
                    str(wheel)], check=True, timeout=600)
    root = tmp_path / "repo"
    for rel in ("fam/1.0/package.py", "fam/2.0/readme", "unv/package.py"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([python, "-c", WITHOUT_REZ, str(root)], capture_output=True,
                          text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["paths"] == ["fam/1.0/package.py", "fam/2.0", "unv/package.py"]
    assert "std" in out["backends"] and out["backend"] in out["backends"]
    # in-memory solves and the static reader need no rez; package_paths does, and says so
    assert out["solve_error"].startswith("solve(package_paths=...) and load_packages need rez")
    assert out["solve_error"].endswith("pip install rez==3.4.0")
    assert out["data"] == ["solved", None, [["fam", "1.0", None]]]
    assert out["static"] == ["fam", "1.0", ["x-1"]]

    script = env_dir / "bin" / "pyrer"
    scan = subprocess.run([script, "scan", str(root)], capture_output=True, text=True, env=env)
    assert scan.returncode == 0 and scan.stdout.startswith("2 families, 3 packages, 0 problems")
    demo = subprocess.run([script, "demo"], capture_output=True, text=True, env=env)
    assert demo.returncode == 3
    assert "rez is not installed; pip install rez==3.4.0" in demo.stderr


def run_tool(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    try:
        import mypy  # noqa: F401
    except ImportError:
        pytest.fail("mypy is not installed here: run tools/build_pyrer.sh")
    env = dict(os.environ, MYPY_CACHE_DIR=str(REPO / ".cache" / "mypy"))
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=900)


def test_stubs_match_the_runtime(tmp_path):
    # (stubtest writes a .mypy_cache into its working directory whatever it is told)
    proc = run_tool("mypy.stubtest", "pyrer", "--mypy-config-file", os.devnull, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_package_type_checks():
    proc = run_tool("mypy", "--strict", str(REPO / "python" / "pyrer"),
                    str(REPO / "python" / "pyrer_rez_hook"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
