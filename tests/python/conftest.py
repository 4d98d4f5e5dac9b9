"""Shared fixtures of the pyrer package tests (tests/python).

The package must be installed in the python running pytest: ``tools/build_pyrer.sh``
builds the wheel and installs it into .venv (``tools/test.sh`` does this first).

Environment: ``PYRER_WHEEL`` (the wheel to install into the venv without rez; else the
newest target/wheels/pyrer-*.whl). The fixtures shared with tests/ (``scan_bin``,
``rez_python``, ``bench_repo``, ``cache_dir``, ``edge_roots``) are in tests/conftest.py,
and the helpers both share (``REPO``, ``REZ_DEFAULTS``, fd and thread counts, ``wait_until``)
in tests/harness.py. The ``memcached`` fixture (a real memcached on the loopback address,
for test_memcached.py) is in memcached_server.py.
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

import pytest

import pyrer
from harness import REPO, REZ_DEFAULTS
from memcached_server import memcached, memcached_process  # noqa: F401  (a real memcached)

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


@pytest.fixture(scope="session")
def wheel() -> Path:
    """The pyrer wheel under test (PYRER_WHEEL, else the newest one built)."""
    given = os.environ.get("PYRER_WHEEL")
    wheels = sorted((REPO / "target" / "wheels").glob("pyrer-*.whl"), key=os.path.getmtime)
    if not given and not wheels:
        pytest.fail("no pyrer wheel: run tools/build_pyrer.sh (or set PYRER_WHEEL)")
    return Path(given) if given else wheels[-1]


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
