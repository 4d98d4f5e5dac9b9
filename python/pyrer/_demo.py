"""Times pyrer against rez on rez's own benchmark repository.

Extracts rez/data/benchmarking/packages.tar.gz (1266 families, 18226 packages,
shipped in the rez wheel) to a cache directory once, then, on a warm cache,
times pyrer.scan_repo in this process and rez's own enumeration (families ->
packages -> package file path, loading nothing) in a fresh python, and prints
both medians and the ratio. Both sides use rez's default settings.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from . import _options
from ._api import ScanResult, scan_repo
from ._progress import Progress

# rez's side of the benchmark, a script run in a fresh python (benches/ run it too)
REZ_ENUMERATE = Path(__file__).parent / "rez" / "enumerate.py"


class DemoUnavailable(Exception):
    """The demo cannot run here: no rez, or rez's enumeration failed."""


def cache_root(cache_dir: str | None) -> Path:
    """--cache-dir, else $PYRER_CACHE_DIR, else $XDG_CACHE_HOME/pyrer, else ~/.cache/pyrer."""
    if cache_dir:
        return Path(cache_dir).absolute()
    if os.environ.get("PYRER_CACHE_DIR"):
        return Path(os.environ["PYRER_CACHE_DIR"]).absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return ((Path(xdg) if xdg else Path.home() / ".cache") / "pyrer").absolute()


def benchmark_repository(cache_dir: str | None = None) -> Path:
    """The extracted benchmark repository of the installed rez (extracting it once)."""
    spec = importlib.util.find_spec("rez")
    if spec is None or not spec.submodule_search_locations:
        raise DemoUnavailable("rez is not installed; pip install rez==3.4.0")
    tarball = Path(list(spec.submodule_search_locations)[0], "data", "benchmarking",
                   "packages.tar.gz")
    if not tarball.is_file():
        raise DemoUnavailable(f"rez has no benchmark repository at {tarball}")
    version = importlib.metadata.version("rez")
    target = cache_root(cache_dir) / f"rez-{version}-benchmark"
    repo = target / "packages"
    if repo.is_dir():
        return repo
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".extract-", dir=target.parent))
    try:
        with Progress(f"extracting {tarball.name}"), tarfile.open(tarball) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(staging, filter="data")
            else:
                tar.extractall(staging)
        try:
            staging.rename(target)  # atomic: a concurrent demo may have won the race
        except OSError:
            if not repo.is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return repo


def scan_benchmark(repo: Path, backend: str) -> ScanResult:
    """One scan of the repository with rez's default settings."""
    # rez's defaults given explicitly, so that no configuration changes either side
    return scan_repo(repo, backend=backend, **_options.REZ_DEFAULTS)


def time_rez(repo: Path) -> tuple[int, float]:
    """(packages, seconds) of rez's enumeration, in a fresh python with rez's defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    # as -c code: run as a file, its folder (pyrer's own modules) would lead sys.path
    code = REZ_ENUMERATE.read_text()
    proc = subprocess.run([sys.executable, "-c", code, f"filesystem@{repo}"],
                          env=env, capture_output=True, text=True)
    try:
        count, seconds, _cpu = proc.stdout.split()
        return int(count), float(seconds)
    except ValueError:
        raise DemoUnavailable(
            f"rez's enumeration failed (exit {proc.returncode}):\n{proc.stderr.strip()}"
        ) from None


def run(cache_dir: str | None, runs: int, backend: str) -> int:
    """The demo; returns the exit code (1 when the two sides disagree)."""
    repo = benchmark_repository(cache_dir)
    print(f"repository  {repo}")
    with Progress("warming up"):
        scan_benchmark(repo, backend)  # the page cache and dentries, for both sides
    pyrer_times, convert_times = [], []
    for i in range(runs):
        result = ScanResult()  # the previous result is freed outside the timed region
        with Progress(f"pyrer.scan_repo, run {i + 1} of {runs}"):
            start = time.perf_counter()
            result = scan_benchmark(repo, backend)
            pyrer_times.append(time.perf_counter() - start)
        convert_times.append(result.convert_seconds)
    rez_times, rez_count = [], 0
    for i in range(runs):
        with Progress(f"rez enumeration, run {i + 1} of {runs}"):
            rez_count, seconds = time_rez(repo)
        rez_times.append(seconds)
    pyrer_s, rez_s = statistics.median(pyrer_times), statistics.median(rez_times)
    families = len({p.family for p in result})
    print(f"pyrer       {len(result)} packages, {families} families in {pyrer_s * 1e3:8.1f} ms"
          f"  (median of {runs}; backend {result.backend}; "
          f"{statistics.median(convert_times) * 1e3:.1f} ms of it building Python objects)")
    print(f"rez         {rez_count} packages in {rez_s * 1e3:8.1f} ms"
          f"  (median of {runs}; families -> packages -> filepath, nothing loaded)")
    if rez_count != len(result):
        print(f"MISMATCH: rez found {rez_count} packages, pyrer {len(result)}", file=sys.stderr)
        return 1
    print(f"pyrer.scan_repo is {rez_s / pyrer_s:.1f}x faster than rez's enumeration")
    return 0
