"""Our pyrer as a drop-in upgrade of PyPI's pyrer 1.0.0rc3 (doubleailes/rer's solver bridge).

Runs tests/compat/rc3_usage.py (an rc3 user's script) and tests/compat/solve_peer.py (the
benchmark repository's requests, CI sample) under rc3, in a venv of its own, and under our
installed package (the python running pytest), and requires the same transcripts except
the allowlist of tests/compat/compare.py (PyO3 message wording, rc3's panics on invalid
strings, rc3's ``builtins.SolveResult``), and that our side prints nothing on stderr. The
packaging test installs rc3 in a scratch venv, then our wheel over it with plain
``pip install``, and runs rc3_usage.py there.

* test_compare_*: the comparison itself, on made-up transcripts: any changed, missing,
  extra or reordered record fails and is named; each allowlist rule tolerates only its
  documented difference (and only where the record names the rule).
* test_rc3_usage_transcript_is_deterministic: two rc3 runs give the same transcript; rc3
  does panic where the 'panic' rule applies; rc3 against itself fails exactly on those
  records (rc3's answer is not acceptable from us) and passes once they name the
  culprit; a changed field of the real transcript is reported by case and path.
* test_rc3_usage_same_under_ours / test_solve_peer_same_under_ours: ours exits 0, its
  transcript equals rc3's modulo the allowlist, nothing on its stderr.
* test_wheel_upgrades_rc3: in a fresh venv, rc3 then our wheel with plain ``pip
  install``: pip uninstalls rc3 and installs our version, which sorts after 1.0.0rc3
  (packaging.version); one pyrer dist-info; rc3's files that our wheel lacks are gone;
  rc3_usage.py gives rc3's transcript (modulo the allowlist) with nothing on stderr.

Knobs (environment): ``PYRER_CACHE_DIR`` (the rc3 venv, its wheel and the benchmark
JSON go to ``<cache>/rc3-peer``), ``PYRER_RC3_PYTHON`` (an existing python with pyrer
1.0.0rc3 instead of the cached venv), ``PYRER_RC3_WHEEL`` (rc3's wheel file instead of
downloading it from PyPI), ``PYRER_PEER_OURS_PYTHON`` (the python of "our" side; default:
this one), ``PYRER_WHEEL`` (our wheel; default: the newest target/wheels/pyrer-*.whl),
``PYRER_REZ_PYTHON`` (rez 3.4.0, to dump the benchmark repository once),
``PYRER_PEER_SAMPLE`` (requests of solve_peer.py: default 24; ``all`` for the 188).

The full run (all 188 requests in both variant modes, with load_family and mixed; about
two minutes a side on 2 shared cores, 26 MB of transcript each)::

    PYRER_PEER_SAMPLE=all PYRER_REZ_PYTHON=.venv/bin/python \\
        .venv/bin/python -m pytest tests/python/test_rc3_peer.py -k solve_peer -ra
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from harness import REPO

COMPAT = REPO / "tests" / "compat"
sys.path.insert(0, str(COMPAT))
import compare  # noqa: E402  (tests/compat/compare.py)

RC3 = "1.0.0rc3"
SAMPLE = os.environ.get("PYRER_PEER_SAMPLE", "24")
TIMEOUT = 1800


def script_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["RUST_BACKTRACE"] = "1"  # a panic would print its backtrace: ours must print nothing
    return env


def run_script(python, script: str, *args: str) -> subprocess.CompletedProcess:
    cmd = [str(python), "-I", str(COMPAT / script), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=script_env(),
                          timeout=TIMEOUT, cwd=COMPAT)


def assert_ran(proc: subprocess.CompletedProcess, who: str) -> None:
    assert proc.returncode == 0, (f"{who}: {' '.join(map(str, proc.args))} exited "
                                  f"{proc.returncode}:\n{proc.stderr[-4000:]}")
    last = proc.stdout.strip().splitlines()[-1:]
    assert last and json.loads(last[0]).get("case") == "done", f"{who}: no 'done' record"


def assert_same(rc3_out: str, ours_out: str, what: str) -> None:
    problems = compare.compare(rc3_out, ours_out)
    assert not problems, (f"{what}: ours differs from rc3 in {len(problems)} way(s) "
                          "(beyond the allowlist of tests/compat/compare.py):\n"
                          + "\n".join(problems))


def assert_quiet(proc: subprocess.CompletedProcess, who: str) -> None:
    assert proc.stderr == "", f"{who} printed on stderr:\n{proc.stderr[:4000]}"


def pip(python, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, env=script_env(), timeout=TIMEOUT)
    assert proc.returncode == 0, f"pip {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def dist_version(python) -> str:
    out = subprocess.run([str(python), "-I", "-c",
                          "import importlib.metadata as m; print(m.version('pyrer'))"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


# --- fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def peer_cache(cache_dir) -> Path:
    path = Path(cache_dir).absolute() / "rc3-peer"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def rc3_wheel(peer_cache) -> Path:
    """PyPI's pyrer 1.0.0rc3 wheel, downloaded once into the cache."""
    given = os.environ.get("PYRER_RC3_WHEEL")
    if given:
        return Path(given)
    wheels = peer_cache / "wheels"
    found = sorted(wheels.glob(f"pyrer-{RC3}-*.whl"))
    if not found:
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet",
                               "--disable-pip-version-check", "--no-deps",
                               "--only-binary=:all:", "-d", str(wheels), f"pyrer=={RC3}"],
                              capture_output=True, text=True, timeout=TIMEOUT)
        assert proc.returncode == 0, f"cannot download pyrer=={RC3} from PyPI:\n{proc.stderr}"
        found = sorted(wheels.glob(f"pyrer-{RC3}-*.whl"))
    assert len(found) == 1, f"expected one rc3 wheel in {wheels}: {found}"
    return found[0]


@pytest.fixture(scope="session")
def rc3_python(peer_cache, rc3_wheel) -> Path:
    """A python with PyPI's pyrer 1.0.0rc3 (a venv made once under the cache)."""
    given = os.environ.get("PYRER_RC3_PYTHON")
    if given:
        assert dist_version(given) == RC3, f"PYRER_RC3_PYTHON={given} has no pyrer {RC3}"
        return Path(given)
    tag = f"py{sys.version_info[0]}{sys.version_info[1]}"
    env_dir = peer_cache / f"venv-rc3-{tag}"
    python = env_dir / "bin" / "python"
    ready = env_dir / ".ready"
    if not ready.is_file():
        shutil.rmtree(env_dir, ignore_errors=True)
        venv.create(env_dir, with_pip=False)
        proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                               "--quiet", "--disable-pip-version-check", "--no-index",
                               "--no-deps", str(rc3_wheel)],
                              capture_output=True, text=True, timeout=TIMEOUT)
        assert proc.returncode == 0, f"installing {rc3_wheel.name} failed:\n{proc.stderr}"
        ready.write_text(rc3_wheel.name + "\n")
    assert dist_version(python) == RC3
    return python


@pytest.fixture(scope="session")
def ours_python() -> Path:
    return Path(os.environ.get("PYRER_PEER_OURS_PYTHON") or sys.executable)


@pytest.fixture(scope="session")
def bench_json(rez_python, cache_dir, bench_repo) -> Path:
    """The benchmark repository as rez loads it, and rez's 188 requests (dumped once)."""
    proc = subprocess.run([rez_python, str(COMPAT / "dump_packages.py"), "--cache-dir",
                           str(cache_dir), "--repo", str(bench_repo)],
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, f"dump_packages.py failed:\n{proc.stderr[-4000:]}"
    return Path(proc.stdout.strip().splitlines()[-1])


def peer_args(bench_json: Path) -> list[str]:
    args = ["--packages", str(bench_json)]
    if SAMPLE != "all":
        args += ["--sample", SAMPLE]
    return args


@pytest.fixture(scope="session")
def usage_rc3(rc3_python) -> subprocess.CompletedProcess:
    proc = run_script(rc3_python, "rc3_usage.py")
    assert_ran(proc, "rc3")
    return proc


@pytest.fixture(scope="session")
def usage_ours(ours_python) -> subprocess.CompletedProcess:
    return run_script(ours_python, "rc3_usage.py")


@pytest.fixture(scope="session")
def peer_rc3(rc3_python, bench_json) -> subprocess.CompletedProcess:
    proc = run_script(rc3_python, "solve_peer.py", *peer_args(bench_json))
    assert_ran(proc, "rc3")
    return proc


# --- the comparison itself ---------------------------------------------------------------

def line(case, **fields) -> str:
    return json.dumps(dict(fields, case=case), sort_keys=True)


def solved(**over) -> dict:
    r = {"status": "solved", "resolved": [["a", "1", None]], "failure_description": None,
         "num_iterations": 1, "repr": "SolveResult(status='solved', ...)"}
    r.update(over)
    return r


def test_compare_finds_differences():
    ref = "\n".join([line("one", returned=solved()), line("two", value=[1, 2]),
                     line("done")])
    assert compare.compare(ref, ref) == []
    # a changed value, named by case and field
    changed = ref.replace('"num_iterations": 1', '"num_iterations": 2')
    assert compare.compare(ref, changed) == [
        "case 'one': returned.num_iterations: rc3 1 != ours 2"]
    # a missing case, an extra case, another order, a list of another length, junk
    assert any("lacks 1 case(s): two" in p for p in compare.compare(
        ref, "\n".join([line("one", returned=solved()), line("done")])))
    assert any("rc3 has not: three" in p for p in compare.compare(
        ref, ref + "\n" + line("three")))
    assert any("another order" in p for p in compare.compare(
        ref, "\n".join([line("two", value=[1, 2]), line("one", returned=solved()),
                        line("done")])))
    assert any("two': value: rc3 has 2 items, ours 3" in p for p in compare.compare(
        ref, ref.replace("[1, 2]", "[1, 2, 3]")))
    assert any("not JSON" in p for p in compare.compare(ref, ref + "\nthread panicked"))
    assert any("repeats case 'one'" in p for p in compare.compare(
        ref, ref + "\n" + line("one", returned=solved())))
    # a type change is a difference (1 vs 1.0, None vs "")
    assert compare.compare(line("x", v=1), line("x", v=1.0))
    assert compare.compare(line("x", v=None), line("x", v=""))


def test_compare_allowlist_is_narrow():
    def raised(exc, msg, allow=()):
        fields = {"raised": {"exc": exc, "msg": msg}}
        if allow:
            fields["allow"] = list(allow)
        return line("e", **fields)

    w = ["pyo3-wording"]
    rc3 = raised("TypeError", "argument 'name': 'int' object cannot be converted to 'PyString'", w)
    assert compare.compare(rc3, raised(
        "TypeError", "argument 'name': 'int' object is not an instance of 'str'", w)) == []
    assert compare.compare(rc3, raised("ValueError", "argument 'name': 'int' object ...", w))
    assert compare.compare(rc3, raised("TypeError", "argument 'version': 'int' ...", w))
    assert compare.compare(rc3, raised("TypeError", "'int' object is not 'str'", w))
    # the same wording difference without the rule is a difference
    assert compare.compare(rc3.replace(', "allow": ["pyo3-wording"]', ""), raised(
        "TypeError", "argument 'name': 'int' object is not an instance of 'str'"))
    # the allowlist must be the same on both sides
    assert compare.compare(rc3, raised(
        "TypeError", "argument 'name': 'int' object cannot be converted to 'PyString'"))
    lf = line("l", allow=w, returned=solved(status="error", resolved=[],
              failure_description="load_family(\"app\") raised: 'NoneType' object cannot "
                                  "be converted to 'Sequence'"))
    assert compare.compare(lf, lf.replace("cannot be converted to", "is not a")) == []
    assert compare.compare(lf, lf.replace('(\\"app\\")', '(\\"lib\\")'))

    m = ["module-name"]
    assert compare.compare(raised("TypeError", "cannot pickle 'builtins.SolveResult' object", m),
                           raised("TypeError", "cannot pickle 'pyrer.SolveResult' object", m)) == []
    assert compare.compare(raised("TypeError", "cannot pickle 'builtins.SolveResult' object", m),
                           raised("TypeError", "cannot pickle 'pyrer.Other' object", m))

    g = ["static-guard"]
    data = {"name": "foo", "version": "1.0", "requires": ["a"]}
    assert compare.compare(line("s", allow=g, returned=data),
                           line("s", allow=g, returned={"value": None})) == []
    assert compare.compare(line("s", allow=g, returned=data),  # data must be rc3's
                           line("s", allow=g, returned=dict(data, requires=["b"])))
    assert compare.compare(line("s", returned=data), line("s", returned={"value": None}))

    def panic_case(msg, status="error", resolved=(), iterations=0):
        return line("p", allow=["panic"], culprit="a==", returned=solved(
            status=status, resolved=list(resolved), failure_description=msg,
            num_iterations=iterations))

    rc3 = panic_case(compare.PANIC_TEXT)
    assert compare.compare(rc3, panic_case("invalid request 'a==': expected a version")) == []
    for bad in (panic_case("invalid request"),                        # no culprit
                panic_case("solver panicked on 'a=='"),               # still a panic
                panic_case(None),                                     # no message
                panic_case("bad 'a=='", status="failed"),             # not an error
                panic_case("bad 'a=='", resolved=[["a", "1", None]]),
                panic_case("bad 'a=='", iterations=3)):               # other fields exact
        assert compare.compare(rc3, bad), bad
    assert compare.compare(rc3, line("p", allow=["panic"], culprit="a==",
                                     raised={"exc": "ValueError", "msg": "a=="}))
    # the rule applies only where rc3 did panic
    rc3_clean = panic_case("package family not found: a")
    assert compare.compare(rc3_clean, panic_case("invalid request 'a=='"))


# --- rc3 against ours --------------------------------------------------------------------

def test_rc3_usage_transcript_is_deterministic(rc3_python, usage_rc3):
    again = run_script(rc3_python, "rc3_usage.py")
    assert_ran(again, "rc3")
    assert compare.compare(usage_rc3.stdout, again.stdout, rules=False) == []
    assert again.stdout == usage_rc3.stdout
    # rc3 does panic where the records say it may (the 'panic' rule is not vacuous)
    assert "panicked" in usage_rc3.stderr
    panics = [r for r in map(json.loads, usage_rc3.stdout.splitlines())
              if "panic" in r.get("allow", [])]
    assert panics and all(r["returned"]["failure_description"] == compare.PANIC_TEXT
                          for r in panics)
    # with the rules, rc3 against itself fails exactly where rc3 panics: rc3's answer is
    # not an acceptable answer of ours
    problems = compare.compare(usage_rc3.stdout, usage_rc3.stdout)
    assert len(problems) == len(panics)
    assert all("invalid input not reported clearly" in p for p in problems)
    # ... and passes once those answers name the culprit
    fixed = []
    for text in usage_rc3.stdout.splitlines():
        rec = json.loads(text)
        if "panic" in rec.get("allow", []):
            rec["returned"]["failure_description"] = f"invalid requirement {rec['culprit']!r}"
        fixed.append(json.dumps(rec, sort_keys=True))
    assert compare.compare(usage_rc3.stdout, "\n".join(fixed)) == []
    # one changed field of the real transcript is found, and named
    lines = usage_rc3.stdout.splitlines()
    at = next(i for i, x in enumerate(lines) if json.loads(x)["case"] == "lf.hints.range")
    rec = json.loads(lines[at])
    rec["calls"][1][1] = "3+"
    lines[at] = json.dumps(rec, sort_keys=True)
    assert compare.compare(usage_rc3.stdout, "\n".join(lines), rules=False) == [
        "case 'lf.hints.range': calls[1][1]: rc3 \"3\" != ours \"3+\""]


def test_rc3_usage_same_under_ours(usage_rc3, usage_ours):
    assert_ran(usage_ours, "ours")
    assert_same(usage_rc3.stdout, usage_ours.stdout, "rc3_usage.py")
    assert_quiet(usage_ours, "ours")


def test_static_reads_rc3_refuses_are_rezs(usage_rc3, usage_ours, tmp_path):
    """Where rc3's parse_static_package_py returns None and ours returns data, the data
    is rez's load of that source (placed at its own name and version)."""
    import ast

    import pyrer
    from rez.packages import iter_packages

    script = (COMPAT / "rc3_usage.py").read_text()
    sources = next(ast.literal_eval(node.value) for node in ast.parse(script).body
                   if isinstance(node, ast.Assign)
                   and getattr(node.targets[0], "id", "") == "SOURCES")
    theirs = {r["case"]: r for r in map(json.loads, usage_rc3.stdout.splitlines())}
    checked = 0
    for record in map(json.loads, usage_ours.stdout.splitlines()):
        case, returned = record["case"], record.get("returned") or {}
        label = case.removeprefix("parse.")
        if label not in sources or returned.get("type") != "PackageData":
            continue
        if theirs[case].get("returned") != {"value": None}:
            continue
        path = tmp_path / label / returned["name"] / returned["version"] / "package.py"
        path.parent.mkdir(parents=True)
        path.write_text(sources[label])
        [pkg] = iter_packages(returned["name"], paths=[str(path.parents[2])])
        rez = pyrer.PackageData.from_rez(pkg)
        assert (rez.name, rez.version, rez.requires, rez.variants) == (
            returned["name"], returned["version"], returned["requires"],
            returned["variants"]), case
        checked += 1
    assert checked >= 1  # the usage transcript has such a case (parse.import)


def test_solve_peer_same_under_ours(peer_rc3, ours_python, bench_json):
    records = [json.loads(x) for x in peer_rc3.stdout.splitlines()]
    assert records[0]["packages"] == 18226 and records[0]["requests"] == 188
    chosen = records[1]["indices"]
    assert len(chosen) == (188 if SAMPLE == "all" else int(SAMPLE))
    ours = run_script(ours_python, "solve_peer.py", *peer_args(bench_json))
    assert_ran(ours, "ours")
    assert_same(peer_rc3.stdout, ours.stdout, "solve_peer.py")
    assert_quiet(ours, "ours")


# --- packaging: our wheel upgrades an installed rc3 --------------------------------------

def wheel_version(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        for row in zf.read(meta).decode().splitlines():
            if row.startswith("Version:"):
                return row.split(":", 1)[1].strip()
    raise AssertionError(f"no Version in {wheel}")


def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return {n for n in zf.namelist() if ".dist-info/" not in n}


def test_wheel_upgrades_rc3(tmp_path, rc3_wheel, wheel, usage_rc3):
    from packaging.version import Version

    env_dir = tmp_path / "upgrade"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pip(python, "install", "--no-index", str(rc3_wheel))
    assert dist_version(python) == RC3
    site = Path(subprocess.run([str(python), "-I", "-c",
                                "import sysconfig; print(sysconfig.get_paths()['platlib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    rc3_only = sorted(wheel_files(rc3_wheel) - wheel_files(wheel))
    assert all((site / name).exists() for name in rc3_only)

    upgrade = pip(python, "install", str(wheel))  # plain: no --force-reinstall, no --no-deps
    ours = wheel_version(wheel)
    assert Version(ours) > Version(RC3), f"our version {ours} does not sort after {RC3}"
    assert f"Successfully uninstalled pyrer-{RC3}" in upgrade.stdout, upgrade.stdout
    assert f"Successfully installed pyrer-{ours}" in upgrade.stdout, upgrade.stdout
    listed = json.loads(pip(python, "list", "--format=json").stdout)
    assert [p["version"] for p in listed if p["name"].lower() == "pyrer"] == [ours]
    assert dist_version(python) == ours
    assert sorted(p.name for p in site.glob("pyrer-*.dist-info")) == [
        f"pyrer-{ours}.dist-info"]
    left = [name for name in rc3_only if (site / name).exists()]
    assert not left, f"rc3's files left behind by the upgrade: {left}"

    proc = run_script(python, "rc3_usage.py")
    assert_ran(proc, "ours (upgraded over rc3)")
    assert_same(usage_rc3.stdout, proc.stdout, "rc3_usage.py after the upgrade")
    assert_quiet(proc, "ours (upgraded over rc3)")
