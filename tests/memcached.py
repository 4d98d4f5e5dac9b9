"""A real memcached on the loopback address, for the tests of rez's memcached caches
(tests/python/memcached_server.py) and the benchmarks' memcached conditions
(benches/conditions.py): ``memcached -l 127.0.0.1 -p PORT -U 0 -m 64`` (with ``-u root``
when run as root, which memcached requires) on a free port, spoken to in its text
protocol."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from typing import Optional

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


def start(binary: str) -> Memcached:
    """A memcached on a free loopback port, answering (RuntimeError if it does not)."""
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
            stop(proc)
            last_error = f"no answer on {server.uri} within {START_TIMEOUT} s"
        else:
            last_error = (f"exited with {proc.returncode}: "
                          f"{proc.stderr.read().decode(errors='replace').strip()}")
    raise RuntimeError(f"memcached ({binary}) did not start: {last_error}")


def stop(proc: subprocess.Popen) -> None:
    """Terminates the server (kills it if it does not exit within 5 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    if proc.stderr is not None:
        proc.stderr.close()


def memcached_binary() -> Optional[str]:
    return shutil.which("memcached") or next(
        (p for p in ("/usr/bin/memcached", "/usr/sbin/memcached", "/usr/local/bin/memcached")
         if os.access(p, os.X_OK)), None)
