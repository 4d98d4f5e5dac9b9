"""A real memcached for the tests of rez's memcached caches (tests/python/test_memcached.py).

The session fixture ``memcached_process`` starts ``memcached -l 127.0.0.1 -p PORT -U 0
-m 64`` (with ``-u root`` when run as root, which memcached requires) on a free loopback
port, waits until it answers, and stops it at the end of the session (terminate, wait,
kill). The ``memcached`` fixture hands it to a test emptied (``flush_all``) with its
counters zeroed (``stats reset``): a ``Memcached`` with its ``uri`` (``127.0.0.1:PORT``,
for rez's ``memcached_uri``), ``stats()`` and ``flush()``.

Without a ``memcached`` binary the tests that use it are skipped, unless
``PYRER_REQUIRE_MEMCACHED=1`` (set by .ci/run), where they fail: CI must run them.
Each use appends a line to ``<cache dir>/memcached-tests.log`` (the cache dir of
tests/conftest.py: ``PYRER_CACHE_DIR``, else ``.cache/pyrer``), which .ci/run reports.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from harness import REPO
from memcached import Memcached, memcached_binary, start, stop

MISSING = "memcached not installed (apt-get install memcached)"
REQUIRE_ENV = "PYRER_REQUIRE_MEMCACHED"
LOG_NAME = "memcached-tests.log"


def _log(line: str) -> None:
    cache = Path(os.environ.get("PYRER_CACHE_DIR") or REPO / ".cache" / "pyrer")
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / LOG_NAME, "a") as log:
        log.write(line + "\n")


@pytest.fixture(scope="session")
def memcached_process() -> Iterator[Memcached]:
    """One memcached for the session (stopping one takes most of a second)."""
    binary = memcached_binary()
    if binary is None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{MISSING}, and {REQUIRE_ENV}=1 requires it")
        pytest.skip(MISSING)
    try:
        server = start(binary)
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        yield server
    finally:
        stop(server.proc)


@pytest.fixture
def memcached(memcached_process, request) -> Iterator[Memcached]:
    """The session's memcached, emptied (``flush_all``) and its counters zeroed (``stats
    reset``) for this test."""
    server = memcached_process
    assert server.proc.poll() is None, f"memcached exited ({server.proc.returncode})"
    server.flush()
    assert server.command("stats reset", b"\r\n").strip() == "RESET"
    version = server.version()
    yield server
    stats = server.stats()
    _log(f"{request.node.nodeid}: memcached {version} on {server.uri}: "
         f"{stats.get('cmd_get', 0)} gets, {stats.get('get_hits', 0)} hits, "
         f"{stats.get('cmd_set', 0)} sets")
