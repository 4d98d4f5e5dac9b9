"""Scans never hold the GIL or the event loop, stop promptly when cancelled
(leaving no thread or fd behind), and run concurrently from threads and loops."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import pytest

import pyrer
from harness import (
    REPO, REZ_DEFAULTS, fd_count, other_threads, scan_threads, thread_names, wait_until,
)
from held_listings import unavailable


def available_backends() -> list[str]:
    return [name for name, reason in pyrer.backends().items() if reason is None]


def longest_gap(ticks: list[float], start: float, end: float) -> float:
    """The longest time within [start, end] without a tick."""
    points = [start, *(t for t in ticks if start < t < end), end]
    return max(b - a for a, b in zip(points, points[1:]))


def test_gil_is_released_during_a_scan(long_scan):
    ticks: list[float] = []
    stop = threading.Event()

    def count() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            if n % 100 == 0:
                ticks.append(time.monotonic())

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.05)
        start = time.monotonic()
        assert pyrer.scan_repo(long_scan.paths, **long_scan.kwargs) == []
        end = time.monotonic()
    finally:
        stop.set()
        counter.join()
    assert end - start > 0.3, "the scan was too short to tell"
    # Holding the GIL would stop the counter for the whole scan.
    assert longest_gap(ticks, start, end) < 0.5 * (end - start)


def test_event_loop_keeps_running_during_an_async_scan(long_scan):
    async def main() -> tuple[list[float], float, float]:
        ticks: list[float] = []

        async def ticker() -> None:
            while True:
                ticks.append(time.monotonic())
                await asyncio.sleep(0.005)

        task = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        start = time.monotonic()
        assert await pyrer.scan_repo_async(long_scan.paths, **long_scan.kwargs) == []
        end = time.monotonic()
        task.cancel()
        return ticks, start, end

    ticks, start, end = asyncio.run(main())
    assert end - start > 0.3, "the scan was too short to tell"
    assert longest_gap(ticks, start, end) < 0.25 * (end - start)


@pytest.mark.filterwarnings("ignore:the load_module:DeprecationWarning")  # rez's plugins
def test_async_results_and_errors_match_the_blocking_ones(bench_repo, tmp_path):
    (tmp_path / "bad" / "settings.yaml").mkdir(parents=True)

    async def main() -> None:
        assert await pyrer.scan_repo_async(bench_repo, **REZ_DEFAULTS) == pyrer.scan_repo(
            bench_repo, **REZ_DEFAULTS)
        with pytest.raises(pyrer.ScanError) as caught:
            await pyrer.scan_repo_async([bench_repo, tmp_path / "bad"], **REZ_DEFAULTS)
        assert len(caught.value.partial) == 18226
        collected = await pyrer.scan_repo_async(tmp_path / "bad", on_error="collect")
        assert collected.problems == caught.value.problems
        with pytest.raises(TypeError, match="paths"):
            await pyrer.scan_repo_async(3)
        with pytest.raises(ValueError, match="backend"):
            await pyrer.scan_repo_async(bench_repo, backend="nope")

    asyncio.run(main())


def test_cancelling_the_task_stops_the_scan_and_leaks_nothing(long_scan, bench_repo):
    async def main() -> None:
        await pyrer.scan_repo_async(bench_repo)  # starts the runtime's threads
        fds, threads = fd_count(), other_threads()
        for delay in (0, 0.001, 0.01, 0.05, 0.2):
            task = asyncio.create_task(
                pyrer.scan_repo_async(long_scan.paths, **long_scan.kwargs))
            await asyncio.sleep(delay)
            assert not task.done()
            cancelled_at = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert time.monotonic() - cancelled_at < min(0.5, long_scan.expected / 2)
            assert scan_threads() == 0, "the cancelled scan's threads are still running"
            assert fd_count() == fds, "the cancelled scan leaked fds"
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(
                pyrer.scan_repo_async(long_scan.paths, **long_scan.kwargs), 0.05)
        assert scan_threads() == 0 and fd_count() == fds
        assert wait_until(lambda: other_threads() <= threads), "threads leaked"

    asyncio.run(main())


# A child process (the seccomp filter of held_listings.py stays for good) whose scan is
# interrupted by Ctrl-C while it provably runs: its listings are held from a tenth of a
# whole scan's on, until the Ctrl-C handler has run on the main thread.
HELD_SCAN = """
import _thread, json, signal, sys
sys.path.insert(0, sys.argv[2])
import pyrer
from harness import REZ_DEFAULTS, fd_count, other_threads, scan_threads, wait_until
from held_listings import HeldListings

kwargs = dict(REZ_DEFAULTS, package_filenames=["nothere"], check_package_definition_files=True)
listings = HeldListings(on_hold=_thread.interrupt_main)
pyrer.scan_repo(sys.argv[1], **kwargs)  # a whole scan: how many listings it takes
whole = listings.passed
fds, threads = fd_count(), other_threads()

def interrupted(signum, frame):
    listings.release()
    raise KeyboardInterrupt

signal.signal(signal.SIGINT, interrupted)
before = listings.passed
listings.hold(after=whole // 10)
outcome = "returned"
try:
    pyrer.scan_repo(sys.argv[1], **kwargs)
except KeyboardInterrupt:
    outcome = "interrupted"
print(json.dumps({"outcome": outcome, "whole": whole, "held": listings.held,
                  "timed_out": listings.timed_out,
                  "listings": listings.passed - before + listings.held,
                  "scan_threads": scan_threads(), "fds": fd_count() - fds,
                  "threads_gone": wait_until(lambda: other_threads() <= threads)}))
"""


@pytest.mark.skipif(unavailable() is not None, reason=str(unavailable()))
def test_ctrl_c_stops_a_blocking_scan(bench_repo):
    proc = subprocess.run([sys.executable, "-c", HELD_SCAN, str(bench_repo), str(REPO / "tests")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["outcome"] == "interrupted" and seen["held"] >= 1, seen
    assert not seen["timed_out"], "the scan was let go before Ctrl-C was taken"
    # the scan stopped: the listings under way when it was interrupted finished, no others
    assert seen["listings"] < seen["whole"] // 2, seen
    assert seen["scan_threads"] == 0 and seen["fds"] == 0 and seen["threads_gone"], seen


def test_concurrent_scans_from_many_threads(bench_repo):
    expected = pyrer.scan_repo(bench_repo, **REZ_DEFAULTS)
    fds = fd_count()
    backends = available_backends()

    def scan(i: int) -> pyrer.ScanResult:
        return pyrer.scan_repo(bench_repo, backend=backends[i % len(backends)], **REZ_DEFAULTS)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(scan, range(16)))
    assert all(result == expected for result in results)
    assert {r.backend for r in results} == set(backends)
    assert scan_threads() == 0 and fd_count() == fds


def test_concurrent_async_scans_on_several_loops(bench_repo):
    expected = pyrer.scan_repo(bench_repo, **REZ_DEFAULTS)

    async def many() -> list[pyrer.ScanResult]:
        return list(await asyncio.gather(
            *(pyrer.scan_repo_async(bench_repo, **REZ_DEFAULTS) for _ in range(4))))

    with ThreadPoolExecutor(3) as pool:
        batches = list(pool.map(lambda _: asyncio.run(many()), range(3)))
    assert [len(b) for b in batches] == [4, 4, 4]
    assert all(result == expected for batch in batches for result in batch)


def in_forked_child(body: Callable[[], None], timeout: float = 120) -> None:
    """Runs ``body`` in a forked child, which reports through its exit status; fails
    if it raised, or hung past ``timeout`` seconds."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its exit status
        code = 1
        try:
            body()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung")
        time.sleep(0.05)
    assert os.waitstatus_to_exitcode(status) == 0


def test_async_scans_work_in_a_forked_child(bench_repo, long_scan):
    """The async runtime's threads do not survive fork(); a child scans without them."""
    expected = len(pyrer.scan_repo(bench_repo, **REZ_DEFAULTS))
    asyncio.run(pyrer.scan_repo_async(bench_repo, **REZ_DEFAULTS))  # the runtime is running

    async def child() -> None:
        assert len(await pyrer.scan_repo_async(bench_repo, **REZ_DEFAULTS)) == expected
        task = asyncio.create_task(pyrer.scan_repo_async(long_scan.paths, **long_scan.kwargs))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert scan_threads() == 0

    in_forked_child(lambda: asyncio.run(asyncio.wait_for(child(), 60)))


def test_solves_work_in_a_forked_child(tmp_path):
    """The read threads a solve started do not survive fork(); a child's solves start
    threads of their own, and give the parent's answer."""
    pytest.importorskip("rez")
    for name, version, requires in (("app", "1.0", ["lib-2"]), ("lib", "2.0", ["base"]),
                                    ("lib", "1.0", []), ("base", "3", [])):
        pkg = tmp_path / name / version
        pkg.mkdir(parents=True)
        (pkg / "package.py").write_text(f"name = '{name}'\nversion = '{version}'\n"
                                        f"requires = {requires!r}\n")
    first = pyrer.solve(["app"], package_paths=[str(tmp_path)])
    assert first.status == "solved" and "pyrer-read" in thread_names()  # the read threads
    expected = sorted(first.resolved)
    def child() -> None:
        for _ in range(3):
            got = pyrer.solve(["app"], package_paths=[str(tmp_path)])
            assert got.status == "solved" and sorted(got.resolved) == expected

    in_forked_child(child)
