"""The test harness shared by tests/ and tests/python/: rez's defaults, the rez python, the scan binary,
the two JSON-lines tools (the Rust scan example and ``tools/rez_enumerate.py``, which
print records in one schema), the table of modes (flags, and the ``scan_repo`` keyword
arguments they stand for), the comparison of the two sides, and the unprivileged
runner for the permission rows (EDGE-52 to EDGE-55 of docs/enumeration.md), and this
process's fd and thread counts for the leak checks.

The session fixtures built from these live in tests/conftest.py.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import edge_tree

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

try:
    import pyrer
except ImportError as err:  # pragma: no cover - a setup error, explained
    raise ImportError(f"pyrer is not installed in {sys.executable}: "
                      f"run tools/build_pyrer.sh ({err})") from err

# rez's defaults, explicitly: results must not depend on the machine's rez configuration.
REZ_DEFAULTS = dict(pyrer._native.REZ_DEFAULTS)
DUMPER = REPO / "tools" / "rez_enumerate.py"

NOBODY_UID = 65534
MAX_LISTED = 60  # differing records listed in a failure message
TIMEOUT = 600

# a record is the tuple (root index, family, kind, version, path, format)


# ---------------------------------------------------------------------------
# the Rust example binaries


def example_bin(env_var: str, package: str, example: str) -> Path:
    """A Rust example: ``$env_var`` if set, else built once with cargo (release)."""
    env_bin = os.environ.get(env_var)
    if env_bin:
        path = Path(env_bin)
        assert path.is_file() and os.access(path, os.X_OK), f"{env_var}={env_bin}"
        return path
    cmd = ["cargo", "build", "--release", "-p", package, "--example", example]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stderr[-4000:]}"
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    path = (REPO / target) / "release" / "examples" / example
    assert path.is_file(), path
    return path


# ---------------------------------------------------------------------------
# running the two sides


@dataclass
class Run:
    side: str
    argv: list
    rc: int
    stderr: str
    records: collections.Counter = field(default_factory=collections.Counter)
    # scanner: problem dicts; rez: error dicts
    issues: list = field(default_factory=list)
    # scanner: the indexes of the roots it noted as absent (not directories to rez)
    absent_roots: list = field(default_factory=list)
    ordered: list = field(default_factory=list)  # the records in output order

    def families(self) -> set:
        return {(r[0], r[1]) for r in self.records}


def parse(side: str, argv, proc) -> Run:
    run = Run(side, argv, proc.returncode, proc.stderr.decode("utf-8", "replace"))
    for lineno, line in enumerate(proc.stdout.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise AssertionError(f"{side}: line {lineno} is not JSON ({exc}): {line!r}\n"
                                 f"stderr:\n{run.stderr}")
        if "problem" in obj:
            run.issues.append(obj["problem"])
        elif "absent_root" in obj:
            run.absent_roots.append(obj["absent_root"]["root"])
        elif "error" in obj:
            run.issues.append(obj["error"])
        else:
            rec = (obj["root"], obj["family"], obj["kind"], obj["version"],
                   obj["path"], obj["format"])
            run.records[rec] += 1
            run.ordered.append(rec)
    return run


def as_bytes(args) -> list:
    return [os.fsencode(a) if not isinstance(a, bytes) else a for a in args]


# Every scan runs on each of these backends, and all must agree record for record.
BACKENDS = os.environ.get("PYRER_SCAN_BACKENDS", "std,io_uring").split(",")
# backend -> number of scans it ran, or the reason it could not run (for the summary)
EXERCISED: dict[str, int | str] = {}


def run_scan(scan_bin, flags, roots, *, cwd=None, prefix=(), env=None) -> Run:
    runs = {}
    for backend in BACKENDS:
        argv = [*prefix, str(scan_bin), *flags, "--backend", backend, "--check",
                "--json", *roots]
        proc = subprocess.run(as_bytes(argv), cwd=cwd, env=env, capture_output=True,
                              timeout=TIMEOUT)
        stderr = proc.stderr.decode(errors="replace")
        if proc.returncode == 2 and "is unavailable" in stderr:
            EXERCISED[backend] = stderr.strip()  # e.g. io_uring refused by the kernel
            continue
        run = parse("scanner", argv, proc)
        assert proc.returncode in (0, 1), (
            f"scanner exited {proc.returncode}: {argv}\n{run.stderr}")
        assert (proc.returncode == 1) == bool(run.issues or run.absent_roots), (
            f"scanner exit code {proc.returncode} does not match its {len(run.issues)} "
            f"problem and {len(run.absent_roots)} absent-root lines\n{run.stderr}")
        # an absent root is one Python's isdir (rez's test of a root) says no to
        for index in run.absent_roots:
            root = os.path.join(os.fsencode(cwd or os.getcwd()), os.fsencode(roots[index]))
            assert not os.path.isdir(root), f"scanner noted {root!r} absent, but it is a directory"
        count = EXERCISED.get(backend, 0)
        EXERCISED[backend] = (count if isinstance(count, int) else 0) + 1
        runs[backend] = run
    assert runs, f"no backend could run: {EXERCISED}"
    first_backend, first = next(iter(runs.items()))
    for backend, run in runs.items():
        assert run.records == first.records, (
            f"backends {first_backend} and {backend} disagree: "
            f"+{backend} {run.records - first.records} "
            f"-{backend} {first.records - run.records}")
    return first


def run_rez(python, flags, roots, *, cwd=None, prefix=(), env=None,
            dumper=DUMPER) -> Run:
    argv = [*prefix, str(python), str(dumper), *flags, *roots]
    proc = subprocess.run(as_bytes(argv), cwd=cwd, env=env, capture_output=True,
                          timeout=TIMEOUT)
    run = parse("rez", argv, proc)
    assert proc.returncode in (0, 1), (
        f"rez_enumerate exited {proc.returncode}: {argv}\n{run.stderr}")
    assert (proc.returncode == 1) == bool(run.issues), run.stderr
    for err in run.issues:
        assert "unexpected package load" not in err["message"], err
    return run



# ---------------------------------------------------------------------------
# comparison


def _fmt_record(rec, root_names) -> str:
    root, family, kind, version, path, fmt = rec
    name = root_names[root] if root_names and root < len(root_names) else root
    return json.dumps({"root": name, "family": family, "kind": kind, "version": version,
                       "format": fmt, "path": path})


def _under(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip("/") + "/")


def compare(label: str, scan: Run, rez: Run, root_names=None) -> None:
    """Asserts that scanner and rez agree; the message lists every difference."""
    lines = []
    only_scan = scan.records - rez.records
    only_rez = rez.records - scan.records
    if only_scan or only_rez:
        lines.append(f"records differ ({sum(only_scan.values())} only in scanner, "
                     f"{sum(only_rez.values())} only in rez):")
        per_root = collections.Counter()
        for rec, n in only_scan.items():
            per_root[(rec[0], "scanner")] += n
        for rec, n in only_rez.items():
            per_root[(rec[0], "rez")] += n
        for root in sorted({r for r, _ in per_root}):
            name = root_names[root] if root_names and root < len(root_names) else root
            lines.append(f"  root {root} ({name!r}): {per_root[(root, 'scanner')]} only in "
                         f"scanner, {per_root[(root, 'rez')]} only in rez")
        listed = [("+ scanner", rec, n) for rec, n in only_scan.items()]
        listed += [("- rez    ", rec, n) for rec, n in only_rez.items()]
        listed.sort(key=lambda t: (repr(t[1]), t[0]))
        for side, rec, n in listed[:MAX_LISTED]:
            lines.append(f"  {side}{'' if n == 1 else f' x{n}'}: {_fmt_record(rec, root_names)}")
        if len(listed) > MAX_LISTED:
            lines.append(f"  ... and {len(listed) - MAX_LISTED} more differing records")

    # every rez error must be matched by a scanner problem at that family / root
    problem_paths = [p["path"] for p in scan.issues]
    for err in rez.issues:
        where = err["path"]
        if not any(_under(p, where) for p in problem_paths):
            root = err["root"]
            name = root_names[root] if root_names else root
            what = f"family {err['family']!r}" if err["family"] is not None else "the root"
            lines.append(f"rez raised for {what} of root {name!r} "
                         f"({err['type']}: {err['message']}) at {where!r}, "
                         f"but the scanner reported no problem there")
        if err["family"] is None:
            leaked = [r for r in scan.records if r[0] == err["root"]]
            if leaked:
                lines.append(f"rez could not list root {err['root']} but the scanner "
                             f"returned {len(leaked)} records for it")

    if lines:
        lines.insert(0, f"[{label}] scanner != rez")
        lines.append(f"scanner argv: {scan.argv}")
        lines.append(f"rez argv:     {rez.argv}")
        if rez.issues:
            lines.append("rez errors:")
            lines += [f"  {json.dumps(e)}" for e in rez.issues]
        if scan.issues:
            lines.append("scanner problems:")
            lines += [f"  {json.dumps(p)}" for p in scan.issues]
        raise AssertionError("\n".join(lines))


# the edge roots of the settings.yaml rows (EDGE-4, EDGE-5), each tested on its own
SETTINGS_ROOTS = ["settings_dir", "settings_dirlink", "settings_bad_yaml",
                  "settings_empty", "settings_list", "settings_brokenlink"]


# ---------------------------------------------------------------------------
# modes: the scan example's and the dumper's flags (spelled as `pyrer scan` spells them)

MODES = {
    "default": [],
    "check": ["--check-package-files"],
    "filenames": ["--package-filenames", "custom,package"],
    "filenames-check": ["--check-package-files", "--package-filenames", "custom,package"],
    "filenames-custom-only": ["--package-filenames", "custom"],
    "filenames-custom-only-check": ["--check-package-files", "--package-filenames", "custom"],
    "filenames-package-custom": ["--package-filenames", "package,custom"],
    "filenames-subdir": ["--package-filenames", "sub/pkg,package"],
    "filenames-subdir-check": ["--check-package-files", "--package-filenames", "sub/pkg,package"],
    "filenames-parent": ["--no-allow-unversioned", "--package-filenames", "../package"],
    "filenames-empty": ["--package-filenames", ""],
    "filenames-empty-check": ["--check-package-files", "--package-filenames", ""],
    "no-unversioned": ["--no-allow-unversioned"],
    "no-unversioned-check": ["--check-package-files", "--no-allow-unversioned"],
    "disable-pkg-ignore": ["--disable-pkg-ignore"],
    "disable-pkg-ignore-check": ["--check-package-files", "--disable-pkg-ignore"],
    "lock-dir": ["--file-lock-dir", "locks"],
    "lock-dir-check": ["--check-package-files", "--file-lock-dir", "locks"],
    "lock-dir-missing": ["--file-lock-dir", "nothere"],
    "lock-dir-file": ["--file-lock-dir", "combo.py"],
    "lock-dir-broken-link": ["--file-lock-dir", "brk.py"],
    "lock-dir-fifo": ["--file-lock-dir", "fifo.py"],
    "lock-dir-empty": ["--file-lock-dir", ""],
    # every plugin and top-level override at once (a lost override would show)
    "all-overrides": ["--check-package-files", "--no-allow-unversioned", "--package-filenames", "custom,package",
                      "--file-lock-dir", "locks", "--disable-pkg-ignore"],
}



# flag -> (scan_repo keyword, value): what each flag of MODES means for scan_repo
_KWARG_FLAGS = {
    "--check-package-files": ("check_package_definition_files", True),
    "--no-allow-unversioned": ("allow_unversioned_packages", False),
    "--disable-pkg-ignore": ("disable_pkg_ignore", True),
}
_KWARG_VALUES = {
    "--package-filenames": ("package_filenames", lambda v: [s for s in v.split(",") if s]),
    "--file-lock-dir": ("file_lock_dir", str),
}


def scan_kwargs(flags: list) -> dict:
    """The scan_repo keyword arguments that `flags` (a MODES entry) stand for."""
    kwargs = {}
    items = iter(flags)
    for flag in items:
        if flag in _KWARG_FLAGS:
            key, value = _KWARG_FLAGS[flag]
        else:
            key, convert = _KWARG_VALUES[flag]
            value = convert(next(items))
        kwargs[key] = value
    return kwargs


# ---------------------------------------------------------------------------
# the unprivileged user (permission rows)


def _user_prefix() -> list:
    if os.geteuid() != 0:
        return []  # already unprivileged: run the tools directly
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root and `setpriv` is not installed: cannot run the "
                    "permission rows (52-55) as an unprivileged user")
    return [setpriv, f"--reuid={NOBODY_UID}", f"--regid={NOBODY_UID}", "--clear-groups"]


@dataclass
class Unprivileged:
    prefix: list
    env: dict
    python: str
    scan_bin: str
    dumper: str
    base: bytes
    notes: list


_PROBE = r"""
import json, os, sys
info = {"version": list(sys.version_info[:2])}
try:
    import rez
    info["rez"] = rez.__version__
    info["rez_file"] = rez.__file__
except Exception as exc:
    info["rez_error"] = repr(exc)
exe = os.path.realpath(sys.executable)
# a "clean" interpreter: its real binary is reachable and its stdlib is its own
info["clean"] = os.access(exe, os.X_OK) and os.__file__.startswith(sys.base_prefix)
print(json.dumps(info))
"""


def unprivileged_runner(scan_bin, rez_python):
    """The unprivileged user's runner (a generator for a session fixture): skips, with
    the reason, where no such user can run the tools."""
    prefix = _user_prefix()
    base = tempfile.mkdtemp(prefix="pyrer-perm-", dir="/tmp")
    os.chmod(base, 0o755)
    notes = []
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": base, "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1"}

    def as_user(argv, **kw):
        return subprocess.run([*prefix, *argv], capture_output=True, text=True,
                              timeout=TIMEOUT, **kw)

    try:
        # the scanner binary: use it in place if the user can run it, else a copy
        binary = str(scan_bin)
        if as_user([binary], env=env).returncode != 2:  # 2 = usage: it ran
            binary = os.path.join(base, "scan")
            shutil.copy2(scan_bin, binary)
            os.chmod(binary, 0o755)
            notes.append(f"copied the scanner to {binary}")
            assert as_user([binary], env=env).returncode == 2
        # the dumper: a world-readable copy
        dumper = os.path.join(base, "rez_enumerate.py")
        shutil.copy2(DUMPER, dumper)
        os.chmod(dumper, 0o644)

        # a python the user can run that imports rez 3.4.0
        out = subprocess.run(
            [rez_python, "-c", "import rez, os, sys, json; print(json.dumps(["
             "os.path.dirname(os.path.dirname(rez.__file__)), list(sys.version_info[:2])]))"],
            capture_output=True, text=True, check=True)
        site, want_version = json.loads(out.stdout)
        candidates = []
        if os.environ.get("PYRER_REZ_PYTHON_NOBODY"):
            candidates.append((os.environ["PYRER_REZ_PYTHON_NOBODY"], False))
        for py in (rez_python, os.path.realpath(rez_python), "/usr/bin/python3",
                   "/usr/local/bin/python3", shutil.which("python3")):
            if py and (py, True) not in candidates:
                candidates.append((py, True))

        def probe(py, with_site, site_dir):
            penv = dict(env)
            if with_site:
                penv["PYTHONPATH"] = site_dir
            res = as_user([py, "-c", _PROBE], env=penv)
            if res.returncode != 0:
                return None, penv, res.stderr.strip()[-300:]
            return json.loads(res.stdout), penv, ""

        chosen = None
        rejected = []
        for site_dir in (site, None):
            if site_dir is None:
                # the venv's site-packages is not readable: copy rez into the tmp dir
                site_dir = os.path.join(base, "site")
                for pkg in ("rez", "rezplugins"):
                    shutil.copytree(os.path.join(site, pkg), os.path.join(site_dir, pkg))
                notes.append(f"copied rez to {site_dir}")
            fallback = None
            for py, with_site in candidates:
                info, penv, err = probe(py, with_site, site_dir)
                ok = (info and info.get("rez") == "3.4.0"
                      and info["version"] == want_version)
                if not ok:
                    rejected.append(f"{py}: {info or err}")
                    continue
                if info["clean"]:
                    chosen = (py, penv)
                    break
                fallback = fallback or (py, penv)
                rejected.append(f"{py}: works but its real binary/stdlib is not its own")
            chosen = chosen or fallback
            if chosen:
                break
        if not chosen:
            pytest.skip("no python that the unprivileged user can run imports rez 3.4.0 "
                        "(set PYRER_REZ_PYTHON_NOBODY); tried:\n  " + "\n  ".join(rejected))
        py, penv = chosen
        notes.append(f"unprivileged python: {py} (PYTHONPATH={penv.get('PYTHONPATH')})")
        yield Unprivileged(prefix, penv, py, binary, dumper, os.fsencode(base), notes)
    finally:
        edge_tree.restore_permissions(base)
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------
# this process's file descriptors and threads (leak checks)


def touch(path: Path, text: str) -> None:
    """Writes ``text`` to ``path``, creating its directories."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def write_python_tool_lib(root: Path) -> Path:
    """The packages the rez-integration tests start from: python 2.7.18, 3.9.1 and
    3.11.4; tool-1.0 with a python-2 and a python-3 variant; lib-2.0 requiring tool and
    python-2. Returns ``root``."""
    for v in ("2.7.18", "3.9.1", "3.11.4"):
        touch(root / "python" / v / "package.py", f"name='python'\nversion='{v}'\n")
    touch(root / "tool" / "1.0" / "package.py",
          "name='tool'\nversion='1.0'\nvariants=[['python-2'], ['python-3']]\n")
    touch(root / "lib" / "2.0" / "package.py",
          "name='lib'\nversion='2.0'\nrequires=['tool', 'python-2']\n")
    return root


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
