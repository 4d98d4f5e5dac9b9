"""Differential test: the scanner (scan example) against rez 3.4.0 itself.

Run with ``.venv/bin/python -m pytest tests/`` (see ``/tmp/differential_readme.md``
/ the README section "Differential test").

Both sides print JSON lines in the same schema (see ``tools/rez_enumerate.py``);
records ``(root, family, kind, version, path, format)`` are compared as multisets
(rez's default-mode version order depends on ``PYTHONHASHSEED``). Where rez
raises for a family (or a whole root), the scanner must report a *problem* at
that family dir (or root) and still return everything else. The scanner may
report extra problems where rez silently swallows an error (e.g. ``EACCES`` on a
``stat``); the records must still match.

Environment:

* ``PYRER_SCAN_BIN``   prebuilt ``scan`` example (else ``cargo build --release
  -p pyrer-scanner --example scan`` runs once per session);
* ``PYRER_REZ_PYTHON`` python with rez 3.4.0 (else ``.venv/bin/python``, made by
  ``tools/venv.sh``);
* ``PYRER_REZ_PYTHON_NOBODY`` python the unprivileged user runs for the
  permission rows (else the first of: a python on the system that can import
  the venv's rez through ``PYTHONPATH``, the rez python itself);
* ``PYRER_CACHE_DIR``  where the benchmark repository is extracted (else
  ``<repo>/.cache/differential``).
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DUMPER = REPO / "tools" / "rez_enumerate.py"
sys.path.insert(0, str(HERE))

import edge_tree  # noqa: E402

NOBODY_UID = 65534
MAX_LISTED = 60  # differing records listed in a failure message
TIMEOUT = 600

# a record is the tuple (root index, family, kind, version, path, format)


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

    def families(self) -> set:
        return {(r[0], r[1]) for r in self.records}


def _parse(side: str, argv, proc) -> Run:
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
        elif "error" in obj:
            run.issues.append(obj["error"])
        else:
            rec = (obj["root"], obj["family"], obj["kind"], obj["version"],
                   obj["path"], obj["format"])
            run.records[rec] += 1
    return run


def _as_bytes(args) -> list:
    return [os.fsencode(a) if not isinstance(a, bytes) else a for a in args]


# Every scan runs on each of these backends, and all must agree record for record.
BACKENDS = os.environ.get("PYRER_SCAN_BACKENDS", "std,io_uring").split(",")
# backend -> number of scans it ran, or the reason it could not run (for the summary)
EXERCISED: dict[str, int | str] = {}


def run_scan(scan_bin, flags, roots, *, cwd=None, prefix=(), env=None) -> Run:
    runs = {}
    for backend in BACKENDS:
        argv = [*prefix, str(scan_bin), *flags, "--backend", backend, "--collect",
                "--json", *roots]
        proc = subprocess.run(_as_bytes(argv), cwd=cwd, env=env, capture_output=True,
                              timeout=TIMEOUT)
        stderr = proc.stderr.decode(errors="replace")
        if proc.returncode == 2 and "is unavailable" in stderr:
            EXERCISED[backend] = stderr.strip()  # e.g. io_uring refused by the kernel
            continue
        run = _parse("scanner", argv, proc)
        assert proc.returncode in (0, 1), (
            f"scanner exited {proc.returncode}: {argv}\n{run.stderr}")
        assert (proc.returncode == 1) == bool(run.issues), (
            f"scanner exit code {proc.returncode} does not match its "
            f"{len(run.issues)} problem lines\n{run.stderr}")
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
    proc = subprocess.run(_as_bytes(argv), cwd=cwd, env=env, capture_output=True,
                          timeout=TIMEOUT)
    run = _parse("rez", argv, proc)
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


# ---------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="session")
def scan_bin() -> Path:
    env_bin = os.environ.get("PYRER_SCAN_BIN")
    if env_bin:
        path = Path(env_bin)
        assert path.is_file() and os.access(path, os.X_OK), f"PYRER_SCAN_BIN={env_bin}"
        return path
    cmd = ["cargo", "build", "--release", "-p", "pyrer-scanner", "--example", "scan"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stderr[-4000:]}"
    path = REPO / "target" / "release" / "examples" / "scan"
    assert path.is_file(), path
    return path


@pytest.fixture(scope="session")
def rez_python() -> str:
    py = os.environ.get("PYRER_REZ_PYTHON")
    if not py:
        venv_py = REPO / ".venv" / "bin" / "python"
        if not venv_py.exists():
            out = subprocess.run(["bash", str(REPO / "tools" / "venv.sh")],
                                 capture_output=True, text=True, check=True)
            venv_py = Path(out.stdout.strip().splitlines()[-1])
        py = str(venv_py)
    out = subprocess.run([py, "-c", "import rez; print(rez.__version__)"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "3.4.0", (
        f"{py} cannot import rez 3.4.0: {out.stdout}{out.stderr}")
    return py


SETTINGS_ROOTS = ["settings_dir", "settings_dirlink", "settings_bad_yaml",
                  "settings_empty", "settings_list", "settings_brokenlink"]


@pytest.fixture(scope="session")
def edge_all(tmp_path_factory):
    base = tmp_path_factory.mktemp("edge")
    roots = edge_tree.build_main_roots(base)
    return roots, base


@pytest.fixture(scope="session")
def edge(edge_all):
    """The edge roots except the settings.yaml rows (tested one by one below)."""
    roots, base = edge_all
    names = [n for n in roots if n not in SETTINGS_ROOTS]
    return names, [roots[n] for n in names], base


# ---------------------------------------------------------------------------
# modes over the main edge roots

MODES = {
    "default": [],
    "check": ["--check"],
    "filenames": ["--filenames", "custom,package"],
    "filenames-check": ["--check", "--filenames", "custom,package"],
    "filenames-custom-only": ["--filenames", "custom"],
    "filenames-custom-only-check": ["--check", "--filenames", "custom"],
    "filenames-package-custom": ["--filenames", "package,custom"],
    "filenames-subdir": ["--filenames", "sub/pkg,package"],
    "filenames-subdir-check": ["--check", "--filenames", "sub/pkg,package"],
    "filenames-parent": ["--no-unversioned", "--filenames", "../package"],
    "filenames-empty": ["--filenames", ""],
    "filenames-empty-check": ["--check", "--filenames", ""],
    "no-unversioned": ["--no-unversioned"],
    "no-unversioned-check": ["--check", "--no-unversioned"],
    "disable-pkg-ignore": ["--disable-pkg-ignore"],
    "disable-pkg-ignore-check": ["--check", "--disable-pkg-ignore"],
    "lock-dir": ["--lock-dir", "locks"],
    "lock-dir-check": ["--check", "--lock-dir", "locks"],
    "lock-dir-missing": ["--lock-dir", "nothere"],
    "lock-dir-file": ["--lock-dir", "combo.py"],
    "lock-dir-broken-link": ["--lock-dir", "brk.py"],
    "lock-dir-fifo": ["--lock-dir", "fifo.py"],
    "lock-dir-empty": ["--lock-dir", ""],
    # every plugin and top-level override at once (a lost override would show)
    "all-overrides": ["--check", "--no-unversioned", "--filenames", "custom,package",
                      "--lock-dir", "locks", "--disable-pkg-ignore"],
}


@pytest.mark.parametrize("mode", list(MODES))
def test_edge_tree(mode, edge, scan_bin, rez_python):
    names, roots, _ = edge
    flags = MODES[mode]
    scan = run_scan(scan_bin, flags, roots)
    rez = run_rez(rez_python, flags, roots)
    compare(mode, scan, rez, names)
    # the tree is meant to exercise things: guard against an empty comparison
    assert sum(rez.records.values()) > 20


def test_mode_effects(edge, scan_bin, rez_python):
    """The flags really change rez's answer (so the modes test different things)."""
    names, roots, _ = edge
    main = [roots[names.index("main")]]
    results = {m: run_rez(rez_python, MODES[m], main).records
               for m in ("default", "check", "filenames", "no-unversioned",
                         "disable-pkg-ignore", "lock-dir", "lock-dir-missing")}
    base = results["default"]
    for mode in ("check", "filenames", "no-unversioned", "disable-pkg-ignore", "lock-dir"):
        assert results[mode] != base, f"--{mode} did not change rez's result"
    assert results["lock-dir-missing"] == base
    assert any(r[1] == "locks" for r in base)
    assert not any(r[1] == "locks" for r in results["lock-dir"])


# ---------------------------------------------------------------------------
# family listing and lookup by name (what a resolve asks, spec section 7)

LISTING_MODES = ["default", "lock-dir", "check", "no-unversioned"]
# names rez's lookup treats specially: reserved names, duplicates, broken links, FIFOs,
# case, names that exist nowhere
LOOKUP_SPECIALS = ["settings", "locks", "dup", "both", "brk", "fifo", "combo", "Foo",
                   "nothere", "a.b", "_"]


@pytest.mark.parametrize("mode", LISTING_MODES)
def test_family_listing(mode, edge, scan_bin, rez_python):
    """ScanOutput.families is rez's iter_package_families, empty families included."""
    names, roots, _ = edge
    flags = [*MODES[mode], "--list-families"]
    scan = run_scan(scan_bin, flags, roots)
    rez = run_rez(rez_python, flags, roots)
    compare(f"list-families {mode}", scan, rez, names)
    assert sum(rez.records.values()) > 20


@pytest.mark.parametrize("mode", LISTING_MODES)
@pytest.mark.parametrize("what", ["packages", "families"])
def test_lookup_by_name(mode, what, edge, scan_bin, rez_python):
    """--families (ScanOptions.families) is rez's get_package_family, name by name."""
    names, roots, _ = edge
    listed = run_rez(rez_python, [*MODES[mode], "--list-families"], roots)
    lookup = sorted({r[1] for r in listed.records} | set(LOOKUP_SPECIALS))
    flags = [*MODES[mode], "--families", ",".join(lookup)]
    if what == "families":
        flags.append("--list-families")
    scan = run_scan(scan_bin, flags, roots)
    rez = run_rez(rez_python, flags, roots)
    compare(f"lookup {what} {mode}", scan, rez, names)
    assert sum(rez.records.values()) > 20
    # lookup differs from listing (spec section 7): settings.yaml is found by name
    if what == "families":
        assert any(r[1] == "settings" for r in rez.records)


EXPECTED_SETTINGS_ERRORS = {
    "settings_dir": "IsADirectoryError",
    "settings_dirlink": "IsADirectoryError",
    "settings_bad_yaml": "ParserError",
    "settings_empty": "TypeError",      # yaml.load('') is None; dict.update(None)
    "settings_list": "ValueError",      # dict.update(['a', 'b'])
    "settings_brokenlink": None,        # `exists` is False: not loaded, no error
}


@pytest.mark.parametrize("name", SETTINGS_ROOTS)
def test_settings_yaml_root(name, edge_all, scan_bin, rez_python):
    """Rows 4/5: a settings.yaml rez cannot load makes the whole root fail."""
    roots, _ = edge_all
    root = [roots[name]]
    scan = run_scan(scan_bin, [], root)
    rez = run_rez(rez_python, [], root)
    assert [e["type"] for e in rez.issues] == (
        [EXPECTED_SETTINGS_ERRORS[name]] if EXPECTED_SETTINGS_ERRORS[name] else []), rez.issues
    compare(f"settings/{name}", scan, rez, [name])


def test_relative_and_empty_roots(edge, scan_bin, rez_python):
    """Row 2: relative roots and '' are resolved against the current directory."""
    names, roots, base = edge
    main = roots[names.index("main")]
    rel = ["", ".", "../link-root", "../at@root", "foo/..", "foolink/..", "../main/",
           "./files/../misc/.."]
    scan = run_scan(scan_bin, [], rel, cwd=main)
    rez = run_rez(rez_python, [], rel, cwd=main)
    compare("relative roots", scan, rez, rel)


@pytest.mark.parametrize("root", ["fam/..", "no-such-dir/..", "brokenlink/..", "file/..",
                                  "linkaway/.."])
def test_dotdot_roots(root, edge, scan_bin, rez_python):
    """Row 2: rez's manager applies os.path.abspath (a *lexical* normpath) before
    realpath, so `x/..` is the current dir even when `x` is missing, a broken link,
    a file, or a symlink to a dir elsewhere."""
    names, roots, base = edge
    cwd = roots[names.index("dotdot")]
    scan = run_scan(scan_bin, [], [root], cwd=cwd)
    rez = run_rez(rez_python, [], [root], cwd=cwd)
    compare(f"root {root!r} (cwd {os.fsdecode(cwd)})", scan, rez, [root])


def test_invalid_lock_dir(edge, scan_bin, rez_python):
    """Row 7: rez raises ConfigurationError when listing a non-empty root (lazily);
    the scanner rejects the value up front (a documented, deliberate difference)."""
    names, roots, _ = edge
    main = roots[names.index("main")]
    empty = roots[names.index("empty_root")]
    for bad in ("/abs", "a/b"):
        rez = run_rez(rez_python, ["--lock-dir", bad], [main, empty])
        assert [(e["root"], e["type"]) for e in rez.issues] == [(0, "ConfigurationError")]
        proc = subprocess.run([str(scan_bin), "--lock-dir", bad, "--json", main],
                              capture_output=True)
        assert proc.returncode == 2, proc
        assert b"file_lock_dir" in proc.stderr, proc.stderr


def test_rez_override_quirks(tmp_path, rez_python):
    """Rows 57 / 57b: the rez behaviour the dumper's override order relies on."""
    repo = tmp_path / "r"
    (repo / "fam" / "1.0").mkdir(parents=True)
    script = r"""
import os, sys, json
for k in list(os.environ):
    if k.startswith("REZ_"):
        del os.environ[k]
os.environ["REZ_DISABLE_HOME_CONFIG"] = "1"
from rez.config import config
from rez.package_repository import package_repository_manager as m
P = "plugins.package_repository.filesystem."
out = {}
# 57b: a plugin override followed by a top-level override is lost
config.override(P + "check_package_definition_files", True)
config.override("allow_unversioned_packages", True)
out["57b_check_after_toplevel"] = config.plugins.package_repository.filesystem.check_package_definition_files
# 57: overriding after the repo exists has no effect until a new repo is built
repo = m.get_repository("filesystem@" + sys.argv[1])
fam = next(iter(repo.iter_package_families()))
out["57_before"] = [p.get("version") for p in repo.iter_packages(fam)]
config.override(P + "check_package_definition_files", True)
repo.clear_caches()
fam = next(iter(repo.iter_package_families()))
out["57_same_repo"] = [p.get("version") for p in repo.iter_packages(fam)]
m.clear_caches()
repo = m.get_repository("filesystem@" + sys.argv[1])
fam = next(iter(repo.iter_package_families()))
out["57_new_repo"] = [p.get("version") for p in repo.iter_packages(fam)]
print(json.dumps(out))
"""
    proc = subprocess.run([rez_python, "-c", script, str(repo)], capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out == {"57b_check_after_toplevel": False, "57_before": ["1.0"],
                   "57_same_repo": ["1.0"], "57_new_repo": []}, out


def test_harness_detects_differences():
    """compare() fails on a changed, a missing, a duplicated record and an unmatched error."""
    rec = (0, "foo", "versioned", "1.0", "/r/foo/1.0/package.py", "py")
    good = collections.Counter([rec])
    for scan_records in (collections.Counter([rec[:5] + ("yaml",)]),
                         collections.Counter(),
                         collections.Counter([rec, rec])):
        with pytest.raises(AssertionError, match="records differ"):
            compare("self-test", Run("scanner", [], 0, "", scan_records),
                    Run("rez", [], 0, "", good))
    err = {"root": 0, "family": "bar", "path": "/r/bar", "type": "PermissionError",
           "message": "x"}
    with pytest.raises(AssertionError, match="no problem there"):
        compare("self-test", Run("scanner", [], 0, "", good),
                Run("rez", [], 1, "", good, [err]))
    compare("self-test", Run("scanner", [], 1, "", good, [{"path": "/r/bar"}]),
            Run("rez", [], 1, "", good, [err]))


# ---------------------------------------------------------------------------
# the benchmark repository shipped with rez


@pytest.fixture(scope="session")
def benchmark_repo(rez_python) -> Path:
    out = subprocess.run(
        [rez_python, "-c", "import rez, os; print(os.path.dirname(rez.__file__))"],
        capture_output=True, text=True, check=True)
    tarball = Path(out.stdout.strip()) / "data" / "benchmarking" / "packages.tar.gz"
    assert tarball.is_file(), tarball
    cache = Path(os.environ.get("PYRER_CACHE_DIR") or REPO / ".cache" / "differential")
    dest = cache / "benchmark"
    marker = dest / ".complete"
    if not marker.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="benchmark-", dir=cache))
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        (tmp / ".complete").write_text(str(tarball) + "\n")
        shutil.rmtree(dest, ignore_errors=True)
        os.rename(tmp, dest)
    packages = dest / "packages"
    assert packages.is_dir(), packages
    return packages


@pytest.mark.parametrize("mode", ["default", "check"])
def test_benchmark_repository(mode, benchmark_repo, scan_bin, rez_python):
    flags = MODES[mode]
    scan = run_scan(scan_bin, flags, [benchmark_repo])
    rez = run_rez(rez_python, flags, [benchmark_repo])
    compare(f"benchmark/{mode}", scan, rez, ["benchmark"])
    for run in (scan, rez):
        assert not run.issues, run.issues
        assert len(run.families()) == 1266, (run.side, len(run.families()))
        assert sum(run.records.values()) == 18226, (run.side, sum(run.records.values()))


# ---------------------------------------------------------------------------
# permission rows 52-55, as an unprivileged user


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


@pytest.fixture(scope="session")
def unprivileged(scan_bin, rez_python):
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


@pytest.fixture(scope="session")
def permission_roots(unprivileged):
    roots = edge_tree.build_permission_roots(os.path.join(unprivileged.base, b"tree"))
    # everything above the tree must be traversable by the user
    probe = subprocess.run([*unprivileged.prefix, "/bin/ls", roots["perm_main"]],
                           capture_output=True)
    assert probe.returncode == 0, probe.stderr
    return roots


# roots where rez and the scanner are known to disagree get their own tests below
PERM_ROOTS = ["perm_main", "perm_root000", "perm_root311", "perm_root644", "perm_settings"]


PERM_MODES = {
    "default": [],
    "check": ["--check"],
    "no-unversioned": ["--no-unversioned"],
    "no-unversioned-check": ["--check", "--no-unversioned"],
    "filenames": ["--filenames", "custom,package"],
    "filenames-check": ["--check", "--filenames", "custom,package"],
}


@pytest.mark.parametrize("mode", list(PERM_MODES))
def test_permission_rows(mode, unprivileged, permission_roots):
    """Rows 52-55 as an unprivileged user (all roots in one call)."""
    names = PERM_ROOTS
    roots = [permission_roots[n] for n in names]
    u = unprivileged
    flags = PERM_MODES[mode]
    scan = run_scan(u.scan_bin, flags, roots, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, flags, roots, prefix=u.prefix, env=u.env, dumper=u.dumper)
    # the rows really took effect (i.e. we are not accidentally privileged)
    errs = {(names[e["root"]], e["family"]): e["type"] for e in rez.issues}
    assert errs.get(("perm_main", "fam000")) == "PermissionError", (u.notes, rez.issues)
    assert errs.get(("perm_root000", None)) == "PermissionError", rez.issues
    assert errs.get(("perm_root311", None)) == "PermissionError", rez.issues
    assert errs.get(("perm_settings", None)) == "PermissionError", rez.issues
    compare(f"permissions/{mode} ({'; '.join(u.notes)})", scan, rez, names)


@pytest.mark.parametrize("mode", ["default", "check", "no-unversioned"])
def test_permission_family_644(mode, unprivileged, permission_roots):
    """A family dir that is readable but not searchable (644): rez's isdir/isfile
    inside it all fail silently, so the family has no packages and no error."""
    u = unprivileged
    root = [permission_roots["perm_fam644"]]
    scan = run_scan(u.scan_bin, PERM_MODES[mode], root, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, PERM_MODES[mode], root, prefix=u.prefix, env=u.env,
                  dumper=u.dumper)
    assert not rez.issues, rez.issues
    compare(f"permissions/{mode}/perm_fam644", scan, rez, ["perm_fam644"])


@pytest.mark.parametrize("root_name", ["perm_root644_dirpy", "perm_root644_settings"])
def test_permission_root_644_variants(root_name, unprivileged, permission_roots):
    """Row 55 combined with row 9 (a *directory* `dirpy.py`) / row 4 (settings.yaml):
    in a 644 root every isdir/exists fails, so rez sees `dirpy.py` as a combined
    family and does not load settings.yaml."""
    u = unprivileged
    root = [permission_roots[root_name]]
    scan = run_scan(u.scan_bin, [], root, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, [], root, prefix=u.prefix, env=u.env, dumper=u.dumper)
    assert not rez.issues, rez.issues
    compare(f"permissions/{root_name}", scan, rez, [root_name])


def test_permission_root_644_lock_dir(unprivileged, permission_roots):
    """Row 55 x row 6: in a 644 root `exists(root/<lock dir>)` is False for rez,
    so nothing is reserved."""
    root_name = "perm_root644"
    u = unprivileged
    flags = ["--lock-dir", "comb.py"]
    root = [permission_roots[root_name]]
    scan = run_scan(u.scan_bin, flags, root, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, flags, root, prefix=u.prefix, env=u.env, dumper=u.dumper)
    compare(f"permissions/{root_name}/lock-dir comb.py", scan, rez, [root_name])
