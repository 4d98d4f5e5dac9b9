"""The command line: `pyrer` and `python -m pyrer` (scan, backends, demo), their
output and exit codes (0 ok, 1 problems with --check, 2 usage, 3 cannot run,
130 interrupted, 141 stdout closed)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import pyrer
from harness import REPO, REZ_DEFAULTS
from held_listings import unavailable

PYRER = Path(sys.executable).parent / "pyrer"  # the console script
SUMMARY = re.compile(r"^(\d+) families, (\d+) packages, (\d+) problems, [\d.]+ ms$")
DEFAULT_FLAGS = ["--no-check-package-files", "--package-filenames", "package",
                 "--allow-unversioned", "--file-lock-dir", ""]


def pyrer_cli(*args, env=None, module=False, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pyrer"] if module else [str(PYRER)]
    return subprocess.run([*command, *[os.fsencode(a) for a in args]], capture_output=True,
                          env=env, timeout=600, **kwargs)


@pytest.fixture
def repos(tmp_path) -> tuple[Path, Path]:
    """A good root and a root whose settings.yaml rez cannot load (a problem)."""
    good, bad = tmp_path / "good", tmp_path / "bad"
    for fam, ver in (("foo", "1.0"), ("foo", "2.0"), ("bar", "1.0")):
        (good / fam / ver).mkdir(parents=True)
        (good / fam / ver / "package.py").write_text("name = 'x'\n")
    (bad / "settings.yaml").mkdir(parents=True)
    return good, bad


@pytest.mark.parametrize("module", [False, True], ids=["console-script", "python-m"])
def test_scan_summary(repos, module):
    good, _ = repos
    proc = pyrer_cli("scan", good, *DEFAULT_FLAGS, "--backend", "std", module=module)
    assert proc.returncode == 0, proc.stderr
    match = SUMMARY.match(proc.stdout.decode().strip())
    assert match and match.groups() == ("2", "3", "0"), proc.stdout
    assert proc.stderr == b""  # no progress: stderr is not a terminal
    verbose = pyrer_cli("scan", "-v", good, *DEFAULT_FLAGS, "--backend", "std", module=module)
    assert verbose.stdout.decode().splitlines()[1:] == ["backend std"]


def test_version():
    proc = pyrer_cli("--version")
    assert (proc.returncode, proc.stdout.decode().strip()) == (0, f"pyrer {pyrer.__version__}")


def test_paths_flag_and_rez_packages_path(repos, tmp_path):
    """--paths as rez-env spells it; no path at all: rez's packages_path, as rez-search."""
    good, bad = repos
    both = pyrer_cli("scan", "--json", *DEFAULT_FLAGS, "--paths", f"{good}{os.pathsep}{bad}")
    assert both.stdout == pyrer_cli("scan", "--json", *DEFAULT_FLAGS, good, bad).stdout
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env.update(REZ_DISABLE_HOME_CONFIG="1", REZ_PACKAGES_PATH=f"{good}{os.pathsep}{bad}")
    proc = pyrer_cli("scan", "--json", *DEFAULT_FLAGS, env=env)
    assert proc.returncode == 0 and proc.stdout == both.stdout, proc.stderr


def test_missing_root_is_reported_and_fails_check(repos, tmp_path):
    good, _ = repos
    typo, plain = tmp_path / "tpyo", tmp_path / "file"
    plain.write_text("")
    proc = pyrer_cli("scan", *DEFAULT_FLAGS, good, typo, plain)
    assert proc.returncode == 0
    assert SUMMARY.match(proc.stdout.decode().strip()).groups() == ("2", "3", "0")  # rez's
    assert proc.stderr.decode().splitlines() == [
        f"pyrer: root {typo} does not exist: rez lists no packages there",
        f"pyrer: root {plain} is not a directory: rez lists no packages there"]
    assert pyrer_cli("scan", "--check", *DEFAULT_FLAGS, good, typo).returncode == 1


def test_scan_json_is_the_api_result(repos, tmp_path):
    good, bad = repos
    odd = tmp_path / os.fsdecode(b"odd-\xff")
    (odd / "fam" / "1.0").mkdir(parents=True)
    typo = tmp_path / "typo"
    proc = pyrer_cli("scan", "--json", *DEFAULT_FLAGS, good, bad, odd, typo)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.decode("ascii").splitlines()]
    result = pyrer.scan_repo([good, bad, odd, typo], on_error="collect", **REZ_DEFAULTS)
    assert lines == [
        *({"root": p.root, "family": p.family, "kind": p.kind, "version": p.version,
           "format": p.format, "path": p.path} for p in result),
        *({"problem": {"path": p.path, "operation": p.operation, "errno": p.errno,
                       "message": p.message}} for p in result.problems),
        {"absent_root": {"root": str(typo), "reason": "does not exist"}},
    ]
    assert lines[-3]["root"] == str(odd) and os.path.isdir(lines[-3]["path"])


def test_check_exits_1_on_problems(repos):
    good, bad = repos
    assert pyrer_cli("scan", "--check", good).returncode == 0
    proc = pyrer_cli("scan", good, bad)
    assert proc.returncode == 0
    assert proc.stderr.decode().startswith(f"problem: settings {bad}/settings.yaml: ")
    assert pyrer_cli("scan", "--check", good, bad).returncode == 1
    assert pyrer_cli("scan", "--check", "--json", good, bad).returncode == 1


def test_rez_option_flags(repos):
    good, _ = repos
    (good / "unv").mkdir()
    (good / "unv" / "package.py").write_text("name = 'unv'\n")
    for flags, kwargs in (
        (["--no-allow-unversioned"], {"allow_unversioned_packages": False}),
        (["--package-filenames", "nothere"], {"package_filenames": ["nothere"]}),
        (["--check-package-files", "--package-filenames", "nothere,"],
         {"check_package_definition_files": True, "package_filenames": ["nothere"]}),
        (["--disable-pkg-ignore", "--concurrency", "1"],
         {"disable_pkg_ignore": True, "concurrency": 1}),
    ):
        proc = pyrer_cli("scan", "--json", *DEFAULT_FLAGS, *flags, good)
        paths = [json.loads(line)["path"] for line in proc.stdout.decode().splitlines()]
        assert paths == [p.path for p in pyrer.scan_repo(good, **{**REZ_DEFAULTS, **kwargs})]


@pytest.mark.parametrize("args, message", [
    (["scan", "--frobnicate", "x"], "--frobnicate"),
    (["scan", "--backend", "fastest", "x"], "backend"),
    (["scan", "--concurrency", "0", "x"], "concurrency"),
    (["scan", "--file-lock-dir", "/abs", "x"], "file_lock_dir"),
    (["demo", "--runs", "0"], "--runs"),
    (["demo", "--backend", "fastest"], "backend"),
    ([], "COMMAND"),
])
def test_usage_errors_exit_2(args, message):
    proc = pyrer_cli(*args)
    assert proc.returncode == 2
    assert message in proc.stderr.decode()


def test_unavailable_backend_exits_3(repos):
    env = dict(os.environ, PYRER_SCAN_DISABLE_IO_URING="1")
    proc = pyrer_cli("scan", "--backend", "io_uring", repos[0], env=env)
    assert proc.returncode == 3
    assert "io_uring is unavailable" in proc.stderr.decode()
    proc = pyrer_cli("scan", "-v", repos[0], env=env)  # auto chooses std, and says why
    assert proc.returncode == 0
    assert ("backend std (auto chose it: disabled by PYRER_SCAN_DISABLE_IO_URING)"
            in proc.stdout.decode())
    assert "backend" not in pyrer_cli("scan", repos[0], env=env).stdout.decode()


def test_backends_command():
    lines = pyrer_cli("backends").stdout.decode().splitlines()
    assert lines == [f"{name}: {'available' if reason is None else 'unavailable: ' + reason}"
                     for name, reason in pyrer.backends().items()]


def test_closed_stdout_exits_quietly(bench_repo):
    proc = subprocess.run(f"'{PYRER}' scan --json '{bench_repo}' | head -n 1; "
                          "echo \"${PIPESTATUS[0]}\" >&2",
                          shell=True, executable="bash", capture_output=True, timeout=600)
    assert len(proc.stdout.splitlines()) == 1
    assert proc.stderr.decode().strip() == "141"


def test_progress_only_on_a_terminal(long_scan):
    # three times the long scan: well past the progress line's delay even when the
    # scan was timed on a busier machine than it runs on here
    paths = [str(p) for p in long_scan.paths] * 3
    flags = ["--check-package-files", "--package-filenames", "nothere"]
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([PYRER, "scan", *flags, *paths], stdout=subprocess.PIPE,
                                stderr=follower)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        proc.wait(timeout=600)
    finally:
        os.close(leader)
    assert proc.returncode == 0
    line = rb"\r\x1b\[Kscanning %d root\(s\) \((.*?)\)\.\.\. \d+\.\d s" % len(paths)
    details = [m.decode() for m in re.findall(line, seen)]
    assert details, seen
    # the directory families the roots hold (combined ones are not listed), as the API says
    result = pyrer.scan_repo(paths, **dict(REZ_DEFAULTS, check_package_definition_files=True,
                                           package_filenames=["nothere"]))
    total = sum(f.format is None for f in result.families)
    counts = [re.fullmatch(r"(\d+) of (\d+) families", d) for d in details]
    assert all(c or d == "reading the roots" for c, d in zip(counts, details)), details
    listed = [int(c[1]) for c in counts if c and int(c[2]) == total]
    assert listed and listed == sorted(listed) and listed[-1] <= total, details
    assert seen.endswith(b"\r\x1b[K")  # the line is erased at the end


# The console script, run with every directory listing of the scan held (held_listings.py)
# from the start until its Ctrl-C handler has run: the scan cannot finish before.
HELD_CLI = """
import os, runpy, signal, sys
sys.path.insert(0, sys.argv.pop(1))
from held_listings import HeldListings

listings = HeldListings(on_hold=lambda: os.write(1, b"held\\n"))

def interrupted(signum, frame):
    listings.release()
    signal.default_int_handler(signum, frame)

signal.signal(signal.SIGINT, interrupted)
listings.hold()
sys.argv.pop(0)
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.mark.skipif(unavailable() is not None, reason=str(unavailable()))
def test_ctrl_c_exits_130(bench_repo):
    proc = subprocess.Popen([sys.executable, "-c", HELD_CLI, str(REPO / "tests"), str(PYRER),
                             "scan", "--check-package-files", "--package-filenames", "nothere",
                             str(bench_repo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # the first listing of the scan is waiting: the scan is running, and stays so
        ready, _, _ = select.select([proc.stdout], [], [], 600)
        held = proc.stdout.readline() if ready else b""
        if held == b"held\n":
            proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert held == b"held\n", stderr
    assert proc.returncode == 130, stderr
    assert stderr.decode().strip() == "pyrer: interrupted"
    assert stdout == b""


def test_demo(cache_dir, bench_repo):
    proc = pyrer_cli("demo", "--runs", "1", "--cache-dir", cache_dir)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert f"repository  {bench_repo}" in out
    assert re.search(r"^pyrer +18226 packages, 1266 families in +[\d.]+ ms", out, re.M), out
    assert re.search(r"^rez +18226 packages in +[\d.]+ ms", out, re.M), out
    assert re.search(r"^pyrer\.scan_repo is [\d.]+x faster than rez's enumeration$", out, re.M)


def test_load_says_what_rez_loads_and_why(tmp_path):
    """`pyrer load --why`: packages, static reads, rez loads and problems, then each reason
    with its count and example paths; --json the same as one object. (rez takes the name
    of `renamed` from its directory, and so does the static reader.)"""
    root = tmp_path / "repo"

    def package(name: str, version: str, text: str, filename: str = "package.py") -> Path:
        path = root / name / version / filename
        path.parent.mkdir(parents=True)
        path.write_text(text)
        return path

    stamp = "timestamp = 1600000000\n"
    package("plain", "1.0", f"name = 'plain'\nversion = '1.0'\n{stamp}")
    code = package("code", "1.0", f"name = 'code'\nversion = '1.0'\n{stamp}"
                   "requires = ['python-' + '3']\n")
    late = package("late", "1.0", f"name = 'late'\nversion = '1.0'\n{stamp}"
                   "@late()\ndef requires():\n    return []\n")
    yml = package("yml", "2.0", "name: yml\nversion: '2.0'\n", "package.yaml")
    package("renamed", "1.0", f"name = 'other'\nversion = '1.0'\n{stamp}")
    proc = subprocess.run([PYRER, "load", "--why", str(root)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert re.fullmatch(r"5 packages, 2 read statically, 3 loaded by rez, 0 problems, "
                        r"[\d.]+ ms", lines[0]), lines
    assert sorted(lines[1:]) == sorted([f"  expression: 1 (e.g. {code})",
                                        f"  format: 1 (e.g. {yml})",
                                        f"  decorator: 1 (e.g. {late})"])
    assert proc.stderr == ""
    proc = subprocess.run([PYRER, "load", "--json", str(root), str(tmp_path / "typo")],
                          capture_output=True, text=True, timeout=300)
    record = json.loads(proc.stdout)
    assert (record["packages"], record["static_reads"], record["rez_loads"]) == (5, 2, 3)
    assert record["rez_reasons"] == {"format": {"count": 1, "examples": [str(yml)]},
                                     "decorator": {"count": 1, "examples": [str(late)]},
                                     "expression": {"count": 1, "examples": [str(code)]}}
    assert record["problems"] == []
    assert record["absent_roots"] == [{"root": str(tmp_path / "typo"),
                                       "reason": "does not exist"}]
