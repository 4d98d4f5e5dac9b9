"""Session fixtures shared by tests/ and tests/python/ (helpers in tests/harness.py),
and the report of which scanner backends the differential tests exercised.

Environment:

* ``PYRER_SCAN_BIN``   prebuilt ``scan`` example (else ``cargo build --release
  -p pyrer-scanner --example scan`` runs once per session);
* ``PYRER_REZ_PYTHON`` python with rez 3.4.0 (else ``.venv/bin/python``, made by
  ``tools/venv.sh``);
* ``PYRER_REZ_PYTHON_NOBODY`` python the unprivileged user runs for the
  permission rows (else the first of: a python on the system that can import
  the venv's rez through ``PYTHONPATH``, the rez python itself);
* ``PYRER_CACHE_DIR``  where rez's benchmark repository is extracted (else
  ``<repo>/.cache/pyrer``), by ``pyrer._demo.benchmark_repository``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # harness, edge_tree

import edge_tree  # noqa: E402
import harness  # noqa: E402

@pytest.fixture(scope="session")
def scan_bin() -> Path:
    """The Rust scan example (one side of the differentials, the reference of parity)."""
    return harness.example_bin("PYRER_SCAN_BIN", "pyrer-scanner", "scan")


@pytest.fixture(scope="session")
def rez_python() -> str:
    """A python that imports rez 3.4.0 (for tools/rez_enumerate.py and rez's loads)."""
    py = os.environ.get("PYRER_REZ_PYTHON")
    if not py:
        venv_py = harness.REPO / ".venv" / "bin" / "python"
        if not venv_py.exists():
            out = subprocess.run(["bash", str(harness.REPO / "tools" / "venv.sh")],
                                 capture_output=True, text=True, check=True)
            venv_py = Path(out.stdout.strip().splitlines()[-1])
        py = str(venv_py)
    out = subprocess.run([py, "-c", "import rez; print(rez.__version__)"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "3.4.0", (
        f"{py} cannot import rez 3.4.0: {out.stdout}{out.stderr}")
    return py


@pytest.fixture(scope="session")
def cache_dir() -> str:
    return os.environ.get("PYRER_CACHE_DIR") or str(harness.REPO / ".cache" / "pyrer")


@pytest.fixture(scope="session")
def bench_repo(cache_dir) -> Path:
    """rez's benchmark repository (1266 families, 18226 packages), extracted once."""
    try:
        from pyrer import _demo
    except ImportError as err:
        pytest.fail(f"pyrer is not installed in {sys.executable}: run tools/build_pyrer.sh "
                    f"({err})")
    try:
        return _demo.benchmark_repository(cache_dir)
    except _demo.DemoUnavailable as err:
        pytest.fail(f"the benchmark repository needs rez in this python: {err}")


@pytest.fixture(scope="session")
def edge_all(tmp_path_factory):
    """The main edge-case roots (tests/edge_tree.py) and their base directory."""
    base = tmp_path_factory.mktemp("edge")
    return edge_tree.build_main_roots(base), base


@pytest.fixture(scope="session")
def edge_roots(edge_all) -> dict:
    """name -> root of every main edge-case root."""
    return edge_all[0]


@pytest.fixture(scope="session")
def edge(edge_all):
    """The edge roots except the settings.yaml rows (tested one by one): names, roots, base."""
    roots, base = edge_all
    names = [n for n in roots if n not in harness.SETTINGS_ROOTS]
    return names, [roots[n] for n in names], base


@pytest.fixture(scope="session")
def unprivileged(scan_bin, rez_python):
    yield from harness.unprivileged_runner(scan_bin, rez_python)


def pytest_terminal_summary(terminalreporter):
    if not harness.EXERCISED:
        return
    terminalreporter.section("scanner backends exercised by the differential tests")
    for backend, outcome in sorted(harness.EXERCISED.items()):
        if isinstance(outcome, int):
            terminalreporter.write_line(f"{backend}: {outcome} scans")
        else:
            terminalreporter.write_line(f"{backend}: NOT exercised: {outcome}")
