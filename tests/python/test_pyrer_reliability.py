"""Reliability under adverse conditions (issue 12): a small open-file limit, a
deleted working directory, no threads to be had, option values that are not
UTF-8, and directory names crafted to write to the terminal."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import pyrer
from harness import REZ_DEFAULTS

REPO = Path(__file__).resolve().parents[2]
PYRER = Path(sys.executable).parent / "pyrer"
BACKENDS = ["std"] + (["io_uring"] if pyrer.backends()["io_uring"] is None else [])


def run_python(code: str, *args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory) -> Path:
    """3000 families of 40 versions (no package files: still packages for rez)."""
    root = tmp_path_factory.mktemp("big")
    for f in range(3000):
        for v in range(40):
            os.makedirs(root / f"fam{f}" / f"{v}.0")
    return root


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_package_is_found_under_ulimit_n_256(big_repo, backend):
    proc = run_python("""
        import resource, sys, pyrer
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
        result = pyrer.scan_repo(sys.argv[1], backend=sys.argv[2], check_package_definition_files=False,
                                 package_filenames=["package"], allow_unversioned_packages=True,
                                 file_lock_dir="")
        print(len(result), len(result.families))
    """, str(big_repo), backend)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["120000", "3000"]


def test_absolute_roots_scan_in_a_deleted_working_directory(tmp_path):
    (tmp_path / "root" / "foo" / "1.0").mkdir(parents=True)
    gone = tmp_path / "gone"
    gone.mkdir()
    proc = run_python("""
        import os, sys, pyrer
        os.rmdir(os.getcwd())
        opts = dict(check_package_definition_files=False, package_filenames=["package"],
                    allow_unversioned_packages=True, file_lock_dir="")  # no rez import
        print(len(pyrer.scan_repo(sys.argv[1], **opts)))
        result = pyrer.scan_repo("relative", on_error="collect", **opts)
        print(len(result), [(p.operation, p.errno) for p in result.problems])
    """, str(tmp_path / "root"), cwd=gone)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["1", "0 [('canonicalize', 2)]"]


def test_rez_settings_are_read_in_a_deleted_working_directory(tmp_path):
    """A script read on stdin (as `python -c` and the REPL) has '' first on sys.path: the
    working directory, which rez's plugin loader lists when pyrer reads rez's settings.
    Deleted, it holds no plugin, and the scan takes rez's settings as anywhere else,
    leaving sys.path and its importer cache as they were."""
    pytest.importorskip("rez")
    (tmp_path / "root" / "foo" / "1.0").mkdir(parents=True)
    gone = tmp_path / "gone"
    gone.mkdir()
    script = textwrap.dedent("""
        import os, sys, pyrer
        os.rmdir(os.getcwd())
        path, cache = list(sys.path), dict(sys.path_importer_cache)
        print(sys.path[0] == "", len(pyrer.scan_repo(sys.argv[1])))
        print(sys.path == path, "" in sys.path_importer_cache, "" in cache)
        print(pyrer._options.rez_settings())
    """)
    proc = subprocess.run([sys.executable, "-", str(tmp_path / "root")], input=script,
                          capture_output=True, text=True, timeout=600, cwd=gone)
    assert proc.returncode == 0, proc.stderr
    settings = run_python("import pyrer; print(pyrer._options.rez_settings())").stdout
    assert proc.stdout.splitlines() == ["True 1", "True False False", settings.strip()]


# clone and clone3 by machine; the filter refuses threads (clone with CLONE_THREAD:
# EAGAIN, clone3: ENOSYS so that libc falls back to clone), as RLIMIT_NPROC does.
SYSCALLS = {"x86_64": (56, 435), "aarch64": (220, 435)}
NO_THREADS = """
    import ctypes, struct, sys
    CLONE, CLONE3 = {syscalls}
    def op(code, jt, jf, k):
        return struct.pack("HBBI", code, jt, jf, k)
    ERRNO, ALLOW, CLONE_THREAD = 0x00050000, 0x7FFF0000, 0x00010000
    prog = b"".join([
        op(0x20, 0, 0, 0), op(0x15, 4, 0, CLONE3), op(0x15, 0, 4, CLONE),
        op(0x20, 0, 0, 16), op(0x45, 0, 2, CLONE_THREAD),
        op(0x06, 0, 0, ERRNO | 11), op(0x06, 0, 0, ERRNO | 38), op(0x06, 0, 0, ALLOW)])
    buf = ctypes.create_string_buffer(prog)
    class Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
    fprog = Fprog(len(prog) // 8, ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(38, 1, 0, 0, 0) == 0  # PR_SET_NO_NEW_PRIVS
    assert libc.prctl(22, 2, ctypes.byref(fprog)) == 0, ctypes.get_errno()  # seccomp filter
    import threading
    try:
        threading.Thread(target=print).start()
        sys.exit("threads can still be created")
    except RuntimeError:
        pass
"""


@pytest.mark.skipif(platform.machine() not in SYSCALLS or sys.platform != "linux",
                    reason="seccomp filter written for Linux x86_64/aarch64")
def test_scans_where_no_thread_can_be_created(tmp_path):
    for f in range(20):
        for v in range(40):
            (tmp_path / f"f{f}" / f"{v}.0").mkdir(parents=True)
    code = NO_THREADS.format(syscalls=SYSCALLS[platform.machine()]) + """
    import asyncio, pyrer
    opts = dict(check_package_definition_files=False, package_filenames=["package"],
                allow_unversioned_packages=True, file_lock_dir="")
    for backend in ("std", "auto"):
        print(backend, len(pyrer.scan_repo(sys.argv[1], backend=backend, **opts)))
    try:
        pyrer.scan_repo(sys.argv[1], backend="io_uring", **opts)
    except pyrer.BackendUnavailableError as err:
        print("io_uring unavailable")
    try:
        print("async", len(asyncio.run(pyrer.scan_repo_async(sys.argv[1], **opts))))
    except pyrer.ResourceError as err:
        print("async ResourceError", err.errno)
    """
    proc = run_python(textwrap.dedent(code), str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["std 800", "auto 800", "io_uring unavailable",
                                        "async ResourceError 11"]
    assert proc.stderr == ""  # no Rust panic report, no backtrace


def test_internal_and_resource_errors_are_typed():
    assert issubclass(pyrer.ResourceError, OSError)
    assert issubclass(pyrer.InternalError, RuntimeError)
    assert not issubclass(pyrer.InternalError, OSError)


def pyrer_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(PYRER), *[os.fsencode(a) for a in args]], capture_output=True,
                          timeout=600)


def test_option_values_that_are_not_utf8(tmp_path):
    odd = os.fsdecode(b"pk\xff")
    (tmp_path / "foo" / "1.0").mkdir(parents=True)
    (tmp_path / "foo" / "1.0" / f"{odd}.py").write_text("")
    flags = ["--no-check-package-files", "--allow-unversioned"]
    proc = pyrer_cli("scan", "--json", *flags, "--package-filenames", odd, "--file-lock-dir", odd,
                     tmp_path)
    assert proc.returncode == 0, proc.stderr
    [record] = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert record["format"] == "py" and os.path.isfile(record["path"])
    # rez accepts the same setting and finds the same file
    rez = subprocess.run([sys.executable, str(REPO / "tools" / "rez_enumerate.py"),
                          *map(os.fsencode, ["--package-filenames", odd, str(tmp_path)])],
                         capture_output=True, timeout=600)
    assert rez.returncode == 0, rez.stderr
    assert json.loads(rez.stdout)["path"] == record["path"]

    proc = pyrer_cli("scan", "--backend", odd, tmp_path)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr, proc.stderr
    assert b"backend" in proc.stderr
    with pytest.raises(ValueError, match="families"):
        pyrer.scan_repo(tmp_path, families=[odd], **REZ_DEFAULTS)


def test_problem_lines_cannot_write_to_the_terminal(tmp_path):
    evil = tmp_path / "\x1b]0;owned\x07\x1b[2J"
    (evil / "settings.yaml").mkdir(parents=True)  # a problem at a path under `evil`
    proc = pyrer_cli("scan", "--file-lock-dir", "", evil)
    assert proc.returncode == 0
    assert b"\x1b" not in proc.stderr and b"\x07" not in proc.stderr
    assert b"\\x1b]0;owned\\x07\\x1b[2J/settings.yaml" in proc.stderr, proc.stderr
    [problem] = pyrer.scan_repo(evil, on_error="collect", **REZ_DEFAULTS).problems
    assert "\x1b" not in str(problem) and problem.path == str(evil / "settings.yaml")


def test_entries_beyond_path_max_are_rez_s(tmp_path):
    """rez's isdir/isfile fail on joined paths of PATH_MAX (4096) bytes or more; the
    scanner, looking up relative to directory fds, must give the same answers."""
    root = str(tmp_path)
    while len(root) < 4050:
        root = os.path.join(root, "d" * min(200, 4050 - len(root) - 1))
    os.makedirs(root)
    version = "1." * 15 + "0"  # ROOT/mid/VERSION fits, ROOT/mid/VERSION/package.py does not
    fd = os.open(root, os.O_RDONLY)
    try:
        for parts in (["short", "1.0", "package.py"], ["short", "9" * 50, "package.py"],
                      ["f" + "x" * 60, "1.0", "package.py"], ["mid", version, "package.py"]):
            at = os.dup(fd)
            for name in parts[:-1]:  # by dir_fd: the joined paths may be too long
                try:
                    os.mkdir(name, dir_fd=at)
                except FileExistsError:
                    pass
                at, old = os.open(name, os.O_RDONLY, dir_fd=at), at
                os.close(old)
            os.close(os.open(parts[-1], os.O_CREAT | os.O_WRONLY, dir_fd=at))
            os.close(at)
    finally:
        os.close(fd)
    for backend in BACKENDS:
        result = pyrer.scan_repo(root, backend=backend, **REZ_DEFAULTS)
        assert [(p.family, p.version, p.format) for p in result] == [
            ("mid", version, None), ("short", "1.0", "py")], backend
    rez = subprocess.run([sys.executable, str(REPO / "tools" / "rez_enumerate.py"), root],
                         capture_output=True, text=True, timeout=600)
    assert rez.returncode == 0, rez.stderr
    records = sorted((r["family"], r["version"], r["format"], r["path"])
                     for r in map(json.loads, rez.stdout.splitlines()))
    assert records == sorted((p.family, p.version, p.format, p.path) for p in result)
