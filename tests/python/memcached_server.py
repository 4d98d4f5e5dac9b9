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
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator, Optional

import pytest

from harness import REPO

MISSING = "memcached not installed (apt-get install memcached)"
REQUIRE_ENV = "PYRER_REQUIRE_MEMCACHED"
LOG_NAME = "memcached-tests.log"
START_TIMEOUT = 10.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Memcached:
    """A running memcached on the loopback address, spoken to in its text protocol."""

    def __init__(self, binary: str, port: int, proc: subprocess.Popen) -> None:
        self.binary = binary
        self.port = port
        self.proc = proc
        self.uri = f"127.0.0.1:{port}"

    def command(self, line: str, end: bytes) -> str:
        """Sends one command line and returns the reply up to (and with) ``end``."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(line.encode() + b"\r\n")
            reply = b""
            while not reply.endswith(end):
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError(f"memcached at {self.uri} closed: {reply!r}")
                reply += chunk
        return reply.decode()

    def version(self) -> str:
        return self.command("version", b"\r\n").split()[-1]

    def stats(self) -> dict[str, int]:
        """The server's counters (``get_hits``, ``get_misses``, ``cmd_set``, ...)."""
        stats = {}
        for line in self.command("stats", b"END\r\n").splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "STAT" and parts[2].isdigit():
                stats[parts[1]] = int(parts[2])
        return stats

    def flush(self) -> None:
        """Drops every entry (``flush_all``)."""
        assert self.command("flush_all", b"\r\n").strip() == "OK"


def _start(binary: str) -> Memcached:
    last_error = ""
    for _ in range(5):  # a port taken between choosing and binding it: another one
        port = _free_port()
        argv = [binary, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "64"]
        if os.geteuid() == 0:  # memcached refuses to run as root without -u
            argv += ["-u", pwd.getpwuid(0).pw_name]
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        server = Memcached(binary, port, proc)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                server.version()
                return server
            except OSError:
                time.sleep(0.02)
        if proc.poll() is None:
            _stop(proc)
            last_error = f"no answer on {server.uri} within {START_TIMEOUT} s"
        else:
            last_error = (f"exited with {proc.returncode}: "
                          f"{proc.stderr.read().decode(errors='replace').strip()}")
    pytest.fail(f"memcached ({binary}) did not start: {last_error}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    if proc.stderr is not None:
        proc.stderr.close()


def _log(line: str) -> None:
    cache = Path(os.environ.get("PYRER_CACHE_DIR") or REPO / ".cache" / "pyrer")
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / LOG_NAME, "a") as log:
        log.write(line + "\n")


def memcached_binary() -> Optional[str]:
    return shutil.which("memcached") or next(
        (p for p in ("/usr/bin/memcached", "/usr/sbin/memcached", "/usr/local/bin/memcached")
         if os.access(p, os.X_OK)), None)


@pytest.fixture(scope="session")
def memcached_process() -> Iterator[Memcached]:
    """One memcached for the session (stopping one takes most of a second)."""
    binary = memcached_binary()
    if binary is None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{MISSING}, and {REQUIRE_ENV}=1 requires it")
        pytest.skip(MISSING)
    server = _start(binary)
    try:
        yield server
    finally:
        _stop(server.proc)


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
