"""Shared fixtures of the pyrer package tests (tests/python).

The package must be installed in the python running pytest: ``tools/build_pyrer.sh``
builds the wheel and installs it into .venv (``tools/test.sh`` does this first).

Environment: ``PYRER_WHEEL`` (the wheel to install into the venv without rez;
else the newest target/wheels/pyrer-*.whl), ``PYRER_SCAN_BIN`` (a prebuilt scan
example), ``PYRER_REZ_PYTHON`` (a python with rez 3.4.0, else this one),
``PYRER_CACHE_DIR`` (where the benchmark repository is extracted; default
``.cache/pyrer``).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "tests"))  # edge_tree

try:
    import pyrer
    from pyrer import _demo
except ImportError as err:  # pragma: no cover - a setup error, explained
    raise ImportError(f"pyrer is not installed in {sys.executable}: "
                      f"run tools/build_pyrer.sh ({err})") from err

# rez's defaults, explicitly: results must not depend on the machine's rez configuration.
REZ_DEFAULTS = dict(_demo.REZ_DEFAULT_OPTIONS)


@pytest.fixture(scope="session", autouse=True)
def installed_pyrer_is_current() -> None:
    """Refuses to test an installed pyrer whose Python files differ from python/pyrer."""
    installed = Path(pyrer.__file__).parent
    stale = [src.name for src in sorted((REPO / "python" / "pyrer").glob("*.py*"))
             if not (installed / src.name).is_file()
             or (installed / src.name).read_bytes() != src.read_bytes()]
    if stale:
        pytest.fail(f"the pyrer installed in {sys.executable} ({installed}) is stale "
                    f"({', '.join(stale)} differ from python/pyrer): run tools/build_pyrer.sh")


def fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def thread_names() -> list[str]:
    names = []
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/comm") as f:
                names.append(f.read().strip())
        except FileNotFoundError:  # the thread just exited
            pass
    return names


def scan_threads() -> int:
    """Threads of running scans (the pool's threads inherit the name of the scan thread)."""
    return sum(name == "pyrer-scan" for name in thread_names())


def other_threads() -> int:
    """Threads except the async runtime's (tokio keeps idle ones for a while)."""
    return sum(name != "pyrer-async" for name in thread_names())


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture(scope="session")
def cache_dir() -> str:
    return os.environ.get("PYRER_CACHE_DIR") or str(REPO / ".cache" / "pyrer")


@pytest.fixture(scope="session")
def wheel() -> Path:
    """The pyrer wheel under test (PYRER_WHEEL, else the newest one built)."""
    given = os.environ.get("PYRER_WHEEL")
    wheels = sorted((REPO / "target" / "wheels").glob("pyrer-*.whl"), key=os.path.getmtime)
    if not given and not wheels:
        pytest.fail("no pyrer wheel: run tools/build_pyrer.sh (or set PYRER_WHEEL)")
    return Path(given) if given else wheels[-1]


@pytest.fixture(scope="session")
def bench_repo(cache_dir) -> Path:
    """rez's benchmark repository (1266 families, 18226 packages), extracted once."""
    try:
        return _demo.benchmark_repository(cache_dir)
    except _demo.DemoUnavailable as err:
        pytest.fail(f"the benchmark repository needs rez in this python: {err}")


class LongScan:
    """Arguments of a scan that takes about TARGET seconds but returns nothing:
    the benchmark repository many times over, looking for a package file that
    no version has (every version directory is still probed)."""

    TARGET = 1.5

    def __init__(self, repo: Path) -> None:
        self.kwargs = dict(REZ_DEFAULTS, package_filenames=["nothere"],
                           check_package_definition_files=True)
        start = time.perf_counter()
        pyrer.scan_repo([repo] * 2, **self.kwargs)
        one = (time.perf_counter() - start) / 2
        self.copies = max(4, min(400, math.ceil(self.TARGET / one)))
        self.paths = [repo] * self.copies
        self.expected = one * self.copies


@pytest.fixture(scope="session")
def long_scan(bench_repo) -> LongScan:
    return LongScan(bench_repo)


@pytest.fixture(scope="session")
def edge_roots(tmp_path_factory) -> dict[str, bytes]:
    """The edge-case tree of the differential test (tests/edge_tree.py): name -> root."""
    import edge_tree

    return edge_tree.build_main_roots(tmp_path_factory.mktemp("edge"))


@pytest.fixture(scope="session")
def scan_bin() -> Path:
    """The Rust scan example (the reference for parity)."""
    env_bin = os.environ.get("PYRER_SCAN_BIN")
    if env_bin:
        return Path(env_bin)
    cmd = ["cargo", "build", "--release", "-p", "pyrer-scanner", "--example", "scan"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stderr[-4000:]}"
    return REPO / "target" / "release" / "examples" / "scan"


@pytest.fixture(scope="session")
def rez_python() -> str:
    """A python that imports rez 3.4.0 (for tools/rez_enumerate.py)."""
    python = os.environ.get("PYRER_REZ_PYTHON") or sys.executable
    out = subprocess.run([python, "-c", "import rez; print(rez.__version__)"],
                         capture_output=True, text=True)
    assert out.stdout.strip() == "3.4.0", f"{python} cannot import rez 3.4.0: {out.stderr}"
    return python
