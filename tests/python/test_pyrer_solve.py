"""pyrer.solve on rer's solver: PyPI pyrer 1.0.0rc3's value semantics, and
``solve(package_paths=...)`` / ``load_packages`` (scanner, guarded static reader, rez for
the rest) against stock rez 3.4.0 (``ResolvedContext``, ``iter_packages``)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import pyrer
from harness import REPO

rez = pytest.importorskip("rez")

# CI's fixed sample of rez's 188-case benchmark: the 24 whose stock resolve is fastest
# (0.002-0.46 s each in rez; benches/solve_differential.py's full run), the one failing
# request among them, plus 100 (172 packages) for a large resolve.
SAMPLE = [37, 3, 2, 11, 1, 7, 10, 5, 6, 9, 0, 29, 48, 66, 31, 42, 30, 20, 32, 27, 22, 41, 24,
          153, 100]

P = pyrer.PackageData

MEMORY = [
    P("python", "2.7.18"), P("python", "3.9.1"), P("python", "3.11.4"),
    P("numpy", "1.20.0", ["python-3"]), P("numpy", "1.16.6", ["python-2.7"]),
    P("tool", "1.0", None, [["python-2.7"], ["python-3"]]),
    P("old", "1.0", ["python-2"]),
]


def test_static_reader_refuses_a_str_that_is_not_unicode(tmp_path):
    """A lone surrogate is in no file rez could load: the reader cannot prove rez's
    value, so None (as for anything else it cannot read), never UnicodeEncodeError."""
    assert pyrer.parse_static_package_py("name = 'a\udc80'\nversion = '1.0'\n") is None
    assert pyrer.parse_static_package_py("name = 'a'\nversion = '1.0'\n# \ud800\n") is None
    assert pyrer.parse_static_package_py("name = 'a'\nversion = '1.0'\n").name == "a"
    with pytest.raises(TypeError, match="source"):
        pyrer.parse_static_package_py(b"name = 'a'\nversion = '1.0'\n")
    # a path the filesystem encoding cannot encode names no file: None, as a missing file
    path = str(write_pkg(tmp_path, "a", "1.0"))
    read = pyrer.parse_static_packages_py([path, str(tmp_path / "\ud800"), path + "\udc80"])
    assert [p and p.name for p in read] == ["a", None, None]
    with pytest.raises(TypeError, match="paths"):
        pyrer.parse_static_packages_py([path, 1])


def test_package_data_is_rc3s_plain_mutable_value():
    a = P("foo", "1.0", None, None)
    assert (a.name, a.version, a.requires, a.variants) == ("foo", "1.0", [], [])
    a.requires = ["bar-1+"]
    a.requires.append("ignored")  # reading gives a new list, as in rc3
    assert a.requires == ["bar-1+"]
    assert a != P("foo", "1.0", ["bar-1+"]) and a == a and hash(a) == hash(a)  # identity
    assert repr(a) == "PackageData(name='foo', version='1.0', requires=1 reqs, variants=0 variants)"
    b = P.from_strings("foo", "1.0", ["x"], [["y"]])
    assert (b.requires, b.variants) == (["x"], [["y"]])

    class Duck:  # from_rez is duck-typed: str() of the version and of each requirement
        name, version, requires, variants = "d", 1.5, None, [[3], ("z",)]

    d = P.from_rez(Duck())
    assert (d.version, d.requires, d.variants) == ("1.5", [], [["3"], ["z"]])
    with pytest.raises(TypeError):
        P("foo", "1.0", "bar")  # a single str is not a list of requires


def test_solve_over_packages():
    r = pyrer.solve(["numpy"], MEMORY)
    assert r.status == "solved" and r.failure_description is None
    assert r.resolved == [("python", "3.11.4", None), ("numpy", "1.20.0", None)]
    assert [v.uri for v in r.resolved_packages] == ["python/3.11.4/package.py",
                                                   "numpy/1.20.0/package.py"]
    assert r.resolved_packages[1].requires == ["python-3"]
    t = pyrer.solve(["tool", "python-2"], MEMORY)
    assert t.resolved[-1] == ("tool", "1.0", 0) and t.resolved_packages[-1].uri.endswith("[0]")
    assert repr(t.resolved_packages[-1]) == "ResolvedVariant(tool-1.0[0])"
    assert r.solve_time_ms > 0 and r.num_iterations >= 1 and r.presolve_time_ms == 0


def test_failures_and_bad_requests_are_results():
    assert pyrer.solve(["old", "numpy-1.20"], MEMORY).status == "failed"
    # where rez raises (rez's exception and message), not a failed resolve as in rc3
    r = pyrer.solve(["nothere"], MEMORY)
    assert (r.status, r.failure_description) == (
        "error", "PackageFamilyNotFoundError: package family not found: nothere")
    r = pyrer.solve(["numpy-9"], MEMORY)
    assert (r.status, r.failure_description) == (
        "error", "PackageNotFoundError: Package could not be found: numpy-9")
    with pytest.raises(ValueError):
        pyrer.solve(["x"], MEMORY, variant_select_mode="nope")
    with pytest.raises(TypeError):
        pyrer.solve(["x"], ["notdata"])
    with pytest.raises(ValueError, match="not both"):
        pyrer.solve(["x"], load_family=lambda n: [], package_paths=["/x"])


def test_requests_rez_rejects_are_errors_and_forms_it_accepts_solve():
    """rez raises PackageRequestError for `~`, `!`, `!.eph` (rc3 solved them to []) and
    VersionError for an impossible bound; it solves `a>` (every version; rer panicked)."""
    for request, error in (("~", "PackageRequestError: Not a valid package name: \"\""),
                           ("!", "PackageRequestError: Not a valid package name: \"\""),
                           ("!.eph", "PackageRequestError: Not a valid package name: \".eph\""),
                           ("~.eph-1", "PackageRequestError"),
                           ("a-3+<2", "VersionError: Invalid bound")):
        r = pyrer.solve([request], [P("a", "1")])
        assert (r.status, r.resolved) == ("error", []), request
        assert r.failure_description.startswith(f"invalid package request {request!r}"
                                                 .replace("'", '"')), r.failure_description
        assert error in r.failure_description, (request, r.failure_description)
    assert pyrer.solve(["a>"], [P("a", "1"), P("a", "2")]).resolved == [("a", "2", None)]
    # a str that is not UTF-8 is reported like any bad request, not raised
    r = pyrer.solve(["a\udc80"], [P("a", "1")])
    assert r.status == "error" and "lone surrogate" in r.failure_description


def test_where_rez_raises_solve_errors_instead_of_backtracking():
    """rez raises on a missing dependency or version and on a package whose own
    requirements conflict, even where an older version would resolve; rc3 backtracked."""
    pkgs = [P("bad", "1.0"), P("bad", "2.0", ["nothere"]), P("app", "0.5"),
            P("app", "1", ["dep-5"]), P("dep", "1"), P("dep", "2"),
            P("ic", "1"), P("ic", "2", ["dep-1", "dep-2"]), P("eps", "1.0"),
            P("ic2", "1"), P("ic2", "2", ["eps==1.0", "eps>1.0<=2"])]
    expected = {
        "bad": "PackageFamilyNotFoundError: package family not found: nothere",
        "app": "PackageNotFoundError: Package could not be found: dep-5",
        "ic": "ResolveError: The package ic-2[] has an internal requirements conflict: "
              "dep-1 <--!--> dep-2",
        "ic2": "ResolveError: The package ic2-2[] has an internal requirements conflict: "
               "eps==1.0 <--!--> eps>1.0<=2",
    }
    for request, error in expected.items():
        r = pyrer.solve([request], pkgs)
        assert (r.status, r.failure_description) == ("error", error), request
    # a version that does not exist only where the solve does not need it: solved
    assert pyrer.solve(["bad-1"], pkgs).resolved == [("bad", "1.0", None)]


def test_invalid_request_is_an_error_and_prints_nothing():
    """rc3 panics in rer-version on `a==` and prints a backtrace; pyrer reports it."""
    code = ("import pyrer\n"
            "r = pyrer.solve(['a=='], [pyrer.PackageData('a', '1')])\n"
            "print(r.status, r.failure_description)\n"
            "r = pyrer.solve(['a'], [pyrer.PackageData('a', '1', ['b=='])])\n"
            "print(r.status, r.failure_description)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, RUST_BACKTRACE="1"))
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    first, second = proc.stdout.splitlines()
    assert first.startswith('error invalid package request "a=="'), first
    assert second == ('error package a-1: requirement "b==": "b==" asks for the empty version '
                      "(an unversioned package) only, which rer's solver cannot hold"), second


def test_load_family_contract():
    calls = []

    def load(name, version_range=None):
        calls.append((name, version_range))
        return [p for p in MEMORY if p.name == name] + [P("other", "1")]

    r = pyrer.solve(["numpy-1.20"], load_family=load)
    assert r.status == "solved" and r.resolved[-1] == ("numpy", "1.20.0", None)
    assert calls[0] == ("numpy", "1.20") and [c[0] for c in calls] == ["numpy", "python"]
    assert pyrer.solve(["numpy"], load_family=lambda name: []).failure_description == \
        "PackageFamilyNotFoundError: package family not found: numpy"

    def broken(name):
        raise RuntimeError("boom")

    r = pyrer.solve(["app"], load_family=broken)
    assert (r.status, r.failure_description) == ("error", 'load_family("app") raised: boom')


def test_variant_select_mode():
    pkgs = [P("a", "1", None, [["b-1"], ["b-2"]]), P("b", "1"), P("b", "2"), P("c", "1", ["b-1"])]
    picked = {mode: pyrer.solve(["a", "c"], pkgs, variant_select_mode=mode).resolved
              for mode in ("version_priority", "intersection_priority")}
    for mode, resolved in picked.items():
        assert ("a", "1", 0) in resolved and ("b", "1", None) in resolved, (mode, resolved)


def write_pkg(root: Path, name: str, version: str, requires=(), variants=None, extra="") -> Path:
    d = root / name / version
    d.mkdir(parents=True, exist_ok=True)
    text = extra + f"name = {name!r}\nversion = {version!r}\nrequires = {list(requires)!r}\n"
    if variants:
        text += f"variants = {variants!r}\n"
    (d / "package.py").write_text(text + "timestamp = 1600000000\nformat_version = 2\n")
    return d / "package.py"


@pytest.fixture
def small_repo(tmp_path) -> Path:
    root = tmp_path / "pkgs"
    for v in ("2.7.18", "3.9.1", "3.11.4"):
        write_pkg(root, "python", v)
    write_pkg(root, "numpy", "1.20.0", ["python-3"])
    write_pkg(root, "numpy", "1.16.6", ["python-2.7"])
    write_pkg(root, "tool", "1.0", variants=[["python-2.7"], ["python-3"]])
    write_pkg(root, "old", "1.0", ["python-2"])
    # files only rez can evaluate: code that computes requires, and a YAML package
    write_pkg(root, "dyn", "1.0", extra="import os\n").write_text(
        "name = 'dyn'\nversion = '1.0'\nrequires = ['python-' + str(2 + 1)]\n")
    (root / "yml" / "2.0").mkdir(parents=True)
    (root / "yml" / "2.0" / "package.yaml").write_text(
        "name: yml\nversion: '2.0'\nrequires: [numpy-1.16]\n")
    # a combined family: its versions live inside ROOT/comb.py
    (root / "comb.py").write_text(
        "name = 'comb'\nversions = ['1.0']\nversion_overrides = {'1.0': {'requires': ['old']}}\n")
    return root


def stock(request, paths):
    """rez's answer as (status, sorted resolve); where rez raises, "error"."""
    from rez.package_repository import package_repository_manager
    from rez.resolved_context import ResolvedContext

    package_repository_manager.clear_caches()
    try:
        ctx = ResolvedContext(request, package_paths=[str(p) for p in paths],
                              add_implicit_packages=False)
    except Exception:
        return "error", []
    status = ctx.status.name if ctx.status.name in ("solved", "failed") else "error"
    return status, sorted((v.name, str(v.version), v.index) for v in ctx.resolved_packages or [])


REQUESTS = (["numpy"], ["tool", "python-2"], ["tool"], ["old", "numpy-1.20"], ["nothere"],
            ["python-4"], ["dyn"], ["yml"], ["comb"], ["comb", "numpy-1.20"])


def test_package_paths_match_rez(small_repo):
    for request in REQUESTS:
        r = pyrer.solve(request, package_paths=[small_repo])
        assert (r.status, sorted(r.resolved)) == stock(request, [small_repo]), request


def test_package_paths_static_reads_and_rez_loads(small_repo):
    r = pyrer.solve(["dyn", "numpy-1.20"], package_paths=[str(small_repo)])
    assert r.status == "solved", r.failure_description
    stats = r.presolve
    # dyn (code) is rez's; numpy and python are read statically
    assert stats["rez_loads"] == 1 and stats["static_reads"] >= 3, stats
    assert stats["rez_reasons"] == {"expression": 1}, stats
    assert stats["families"] >= 3 and r.presolve_time_ms > 0
    uri = {v.name: v.uri for v in r.resolved_packages}
    assert uri["numpy"] == f"{small_repo}/numpy/1.20.0/package.py[]"


def test_first_root_wins_a_version(small_repo, tmp_path):
    other = tmp_path / "other"
    write_pkg(other, "numpy", "1.20.0", ["python-2.7"])  # shadows small_repo's 1.20.0
    write_pkg(other, "numpy", "1.30.0", ["python-2.7"])
    for paths in ([other, small_repo], [small_repo, other]):
        for request in (["numpy"], ["numpy-1.20"]):
            r = pyrer.solve(request, package_paths=paths)
            assert (r.status, sorted(r.resolved)) == stock(request, paths), (paths, request)


def test_packages_go_ahead_of_package_paths(small_repo):
    r = pyrer.solve(["numpy"], [P("numpy", "5.0")], package_paths=[small_repo])
    assert r.resolved == [("numpy", "5.0", None)]  # memory's 5.0 joins the family on disk
    assert r.resolved_packages[0].uri == "numpy/5.0/package.py"
    r = pyrer.solve(["numpy-1.20"], [P("numpy", "1.20.0", ["python-2"])],
                    package_paths=[small_repo])
    assert ("python", "2.7.18", None) in r.resolved  # memory's 1.20.0 hides the file's


def test_broken_package_file_is_an_error_naming_it(small_repo):
    path = write_pkg(small_repo, "broken", "1.0")
    path.write_text("name = 'broken'\nversion = '1.0'\nrequires = [\n")
    r = pyrer.solve(["broken"], package_paths=[small_repo])
    assert r.status == "error" and str(path) in r.failure_description, r.failure_description
    assert stock(["broken"], [small_repo])[0] == "error"


@pytest.fixture(scope="module")
def benchmark(cache_dir):
    from pyrer import _demo

    root = _demo.benchmark_repository(cache_dir)
    requests = json.loads((Path(rez.__file__).parent / "data" / "benchmarking"
                           / "requests.json").read_text())
    assert len(requests) == 188
    return root, requests


def test_benchmark_sample_matches_rez(benchmark):
    """CI's sample of benches/solve_differential.py (the full 188 run is documented)."""
    root, requests = benchmark
    statuses = set()
    readahead = 0
    for i in SAMPLE:
        r = pyrer.solve(requests[i], package_paths=[root])
        expected = stock(requests[i], [root])
        assert (r.status, sorted(r.resolved)) == expected, i
        # rez loads only files the static reader refused (read-ahead may read files that
        # the solver never asks for, so refusals can outnumber rez loads)
        stats = r.presolve
        assert stats["static_reads"] + stats["rez_loads"] <= stats["files_read"], (i, stats)
        assert stats["rez_loads"] <= stats["static_reads"] // 10, (i, stats)
        statuses.add(r.status)
        readahead += r.presolve["readahead_hits"]
    assert statuses == {"solved", "failed"} and readahead > 0


def test_load_packages_feeds_solve(benchmark):
    root, requests = benchmark
    loaded = pyrer.load_packages(root, families=["python", "numpy", "nothere"])
    assert {p.name for p in loaded} <= {"python", "numpy"} and loaded.rez_loads == 0
    everything = pyrer.load_packages(root)
    # nearly every benchmark file is static (rez loads the 7 whose requirement strings
    # hold versions rer and rez may order differently)
    assert len(everything) == 18226 and everything.static_reads == 18219, everything
    assert everything.rez_reasons == {"requirement": 7}, everything.rez_reasons
    assert everything.rez_loads == 18226 - everything.static_reads and not everything.problems
    for i in SAMPLE[:4]:
        by_paths = pyrer.solve(requests[i], package_paths=[root])
        by_data = pyrer.solve(requests[i], everything)
        assert (by_paths.status, by_paths.resolved) == (by_data.status, by_data.resolved), i


def test_load_packages_equals_rez_and_reports_bad_files(small_repo):
    from rez.packages import iter_package_families

    path = write_pkg(small_repo, "broken", "1.0")
    path.write_text("name = 'broken'\nversion = '1.0'\nrequires = [\n")
    with pytest.raises(pyrer.ScanError) as raised:
        pyrer.load_packages(small_repo)
    problems = raised.value.problems
    assert [(p.path, p.operation) for p in problems] == [(str(path), "load")]
    result = pyrer.load_packages(small_repo, on_error="collect")
    assert result.problems == problems
    fields = [(p.name, p.version, p.requires, p.variants) for p in raised.value.partial]
    assert fields == [(p.name, p.version, p.requires, p.variants) for p in result]
    ours = sorted((p.name, p.version, p.requires, p.variants) for p in result)
    theirs = []
    for family in iter_package_families(paths=[str(small_repo)]):
        if family.name == "broken":
            continue
        for pkg in family.iter_packages():
            d = pyrer.PackageData.from_rez(pkg)
            theirs.append((d.name, d.version, d.requires, d.variants))
    assert ours == sorted(theirs)
    # rez was asked for dyn, yml, comb and broken (which failed), each for its reason
    assert result.rez_loads == 4 and result.static_reads == len(ours) - 3
    assert result.rez_reasons == {"expression": 1, "syntax": 1, "format": 1,
                                  "combined-family": 1}
    assert result.rez_examples["format"] == (str(small_repo / "yml" / "2.0" / "package.yaml"),)
    assert result.rez_examples["combined-family"] == ("comb",)
    assert result.rez_examples["expression"] == (str(small_repo / "dyn" / "1.0" / "package.py"),)
    assert result.rez_examples["syntax"] == (str(path),)


def test_load_packages_notes_roots_that_are_not_directories(small_repo, tmp_path):
    """rez lists nothing under a missing root or a file, and raises nothing (not even
    with on_error="raise"); the result names them as scan_repo's does."""
    (tmp_path / "file").write_text("")
    typo = tmp_path / "typo"
    roots = [typo, small_repo, tmp_path / "file"]
    result = pyrer.load_packages(roots)
    fields = sorted((p.name, p.version, p.requires, p.variants) for p in result)
    assert fields == sorted((p.name, p.version, p.requires, p.variants)
                            for p in pyrer.load_packages(small_repo))
    assert result.problems == ()
    assert result.absent_roots == pyrer.scan_repo(roots).absent_roots == (
        pyrer.AbsentRoot(str(typo), "does not exist",
                         f"root {typo} does not exist: rez lists no packages there"),
        pyrer.AbsentRoot(str(tmp_path / "file"), "is not a directory",
                         f"root {tmp_path / 'file'} is not a directory: rez lists no packages "
                         "there"))
    assert pyrer.load_packages(small_repo).absent_roots == ()
    alone = pyrer.load_packages(typo, families=["python"])
    assert list(alone) == [] and [a.root for a in alone.absent_roots] == [str(typo)]
    # with problems, the partial result of ScanError carries them too
    write_pkg(small_repo, "broken", "1.0").write_text("requires = [\n")
    with pytest.raises(pyrer.ScanError) as raised:
        pyrer.load_packages(roots)
    assert raised.value.partial.absent_roots == result.absent_roots


def test_presolve_time_includes_package_loads(tmp_path):
    root = tmp_path / "slow"
    write_pkg(root, "slow", "1.0", extra="import time\ntime.sleep(0.2)\n")
    r = pyrer.solve(["slow"], package_paths=[root])
    assert r.status == "solved", r.failure_description
    assert r.presolve_time_ms >= 200 and r.presolve["rez_loads"] == 1, r.presolve
    assert r.solve_time_ms >= r.presolve_time_ms


def test_differential_script_runs(tmp_path):
    """benches/solve_differential.py on two requests, writing its RESULTS section."""
    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\n<!-- other -->\n")
    proc = subprocess.run([sys.executable, str(REPO / "benches" / "solve_differential.py"),
                           "--only", "2,3", "--memory-sample", "0", "--write", str(results)],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYRER_CACHE_DIR=str(
                              os.environ.get("PYRER_CACHE_DIR") or REPO / ".cache" / "pyrer")))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = results.read_text()
    assert "2/2 requests identical" in text and text.startswith("# Results\n\n<!-- other -->")
    assert text.count("<!-- solve:begin -->") == 1 and "<!-- solve:end -->" in text


def test_ranges_rer_misreads_are_solved_as_rez_reads_them():
    """rer-version 1.0.0-rc.3 reads `a>1` as `a-1+` and `a-1+<=2` as `a-1+<2`; pyrer
    hands rer those ranges in forms it reads as rez does, and shows them as written."""
    from rez.version import Requirement, Version

    assert Version("1") not in Requirement("a>1").range          # rez excludes the bound
    assert Version("2") in Requirement("a-1+<=2").range          # and includes this one
    a = [P("a", "1"), P("a", "1.0"), P("a", "1.5"), P("a", "2"), P("a", "2.0")]
    assert pyrer.solve(["a>1<2"], a).resolved == [("a", "1.5", None)]
    assert pyrer.solve(["a>1.5<=2"], a).resolved == [("a", "2", None)]
    assert pyrer.solve(["a-<=2,>1"], a).resolved == [("a", "2", None)]
    assert pyrer.solve(["a>1<1.5"], a).resolved == [("a", "1.0", None)]
    r = pyrer.solve(["b"], [P("b", "1", ["a-1+<=2"])] + a)
    assert r.resolved == [("a", "2", None), ("b", "1", None)]
    assert r.resolved_packages[1].requires == ["a-1+<=2"]
    r = pyrer.solve(["a>2.0"], a)
    assert (r.status, r.failure_description) == (
        "error", "PackageNotFoundError: Package could not be found: a>2.0")


UNREADABLE_VERSION = """
import json, sys, pyrer
from rez.resolved_context import ResolvedContext
root, out = sys.argv[1], {}
for request in (["foo-1"], ["foo"]):
    r = pyrer.solve(request, package_paths=[root])
    try:
        c = ResolvedContext(request, package_paths=[root], add_implicit_packages=False)
        rez = [c.status.name, [[v.name, str(v.version)] for v in c.resolved_packages]]
    except Exception as err:
        rez = ["raised", type(err).__name__]
    out[request[0]] = {"ours": [r.status, [list(x[:2]) for x in r.resolved]], "rez": rez}
loaded = pyrer.load_packages(root, on_error="collect")
out["load"] = [[p.name, p.version] for p in loaded]
out["load_problems"] = [[p.path, p.operation] for p in loaded.problems]
print(json.dumps(out))
"""


@pytest.fixture
def world_readable_dir():
    """A temporary directory another user can reach (pytest's tmp_path is root's only)."""
    base = Path(tempfile.mkdtemp(prefix="pyrer-user-", dir="/tmp"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base)


def test_an_unreadable_version_directory_leaves_the_readable_ones(world_readable_dir):
    """As a user who cannot read foo/2.0: rez resolves foo-1 with the readable 1.0 and
    raises for foo (it loads 2.0); so does pyrer, and load_packages keeps 1.0, reporting
    2.0's load as a problem (before: the whole family went to rez, and failed)."""
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin")
    if os.geteuid() != 0 or not shutil.which("setpriv") or not python:
        pytest.skip("needs root, setpriv and a system python3 to run as another user")
    tmp_path = world_readable_dir
    site = tmp_path / "site"
    for module in ("pyrer", "rez", "rezplugins"):
        spec = importlib.util.find_spec(module)
        shutil.copytree(Path(spec.origin).parent, site / module)
    root = tmp_path / "repo"
    for v in ("1.0", "2.0"):
        write_pkg(root, "foo", v)
    (root / "foo" / "2.0").chmod(0)
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if path != root / "foo" / "2.0":
            path.chmod(path.stat().st_mode | 0o555)
    proc = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", python, "-c",
         UNREADABLE_VERSION, str(root)],
        capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(site), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    assert out["foo-1"] == {"ours": ["solved", [["foo", "1.0"]]],
                            "rez": ["solved", [["foo", "1.0"]]]}
    assert out["foo"]["ours"][0] == "error" and out["foo"]["rez"][0] == "raised"
    assert out["load"] == [["foo", "1.0"]]
    assert [str(root / "foo" / "2.0"), "load"] in out["load_problems"]


def test_packages_without_timestamp(tmp_path):
    """A local install (`rez-build -i`) sets no timestamp: rez then merges old-format
    release data from beside the file (release.yaml, else .metadata/). Without either the
    file alone is rez's load and is read statically; with one, rez loads it."""
    root = tmp_path / "repo"
    for name in ("local", "yml", "meta"):
        d = root / name / "1.0"
        d.mkdir(parents=True)
        (d / "package.py").write_text(f"name = {name!r}\nversion = '1.0'\nrequires = ['a']\n")
    (root / "yml" / "1.0" / "release.yaml").write_text("timestamp: 1300000000\nrequires: [b]\n")
    (root / "meta" / "1.0" / ".metadata").mkdir()
    result = pyrer.load_packages(root)
    data = {p.name: p.requires for p in result}
    assert data == {"local": ["a"], "yml": ["b"], "meta": ["a"]}  # rez merged release.yaml
    assert (result.static_reads, result.rez_loads) == (1, 2)
    assert result.rez_reasons == {"old-format-data": 2}
    assert sorted(result.rez_examples["old-format-data"]) == sorted(
        str(root / n / "1.0" / "package.py") for n in ("meta", "yml"))


HOSTILE_LOAD = """
import json, sys, pyrer
from rez.packages import iter_packages
root = sys.argv[1]
result = pyrer.load_packages(root, on_error="collect")
ours = {p.name: [p.requires, p.variants] for p in result}
ours.update({p.path[len(root):].split("/")[1]: "error" for p in result.problems})
theirs = {}
for name in sys.argv[2:]:
    try:
        pkgs = list(iter_packages(name, paths=[root]))
        d = pyrer.PackageData.from_rez(pkgs[0])
        theirs[name] = [d.requires, d.variants]
    except Exception:
        theirs[name] = "error"
print(json.dumps({"ours": ours, "theirs": theirs, "static": result.static_reads}))
"""


def test_hostile_package_files_give_rez_answer(tmp_path):
    """No package file can crash, hang or exhaust the process: each gives rez's answer,
    data or error (run in a child with a deadline, so a hang fails the test)."""
    root = tmp_path / "repo"
    head = "name = '{0}'\nversion = '1.0'\ntimestamp = 1\n"
    texts = {
        "deep": head + "requires = " + "[" * 100_000 + "]" * 100_000 + "\n",
        "big": head + ("# " + "x" * 998 + "\n") * 50_000,  # 50 MB of comments
        "nul": head + "requires = ['a']\x00\n",
        "surrogate": head + "requires = ['a\\udc80']\n",
        "named": head + "requires = ['a\\N{HYPHEN-MINUS}1']\n",
        "bigint": "name = '{0}'\nversion = '1.0'\ntimestamp = " + "9" * 5000 + "\n",
        "crlf": head.replace("\n", "\r\n") + "requires = ['a']\r\n",
    }
    for name, text in texts.items():
        (root / name / "1.0").mkdir(parents=True)
        (root / name / "1.0" / "package.py").write_text(text.replace("{0}", name))
    (root / "latin1" / "1.0").mkdir(parents=True)
    (root / "latin1" / "1.0" / "package.py").write_bytes(
        head.format("latin1").encode() + b"requires = ['caf\xe9']\n")
    (root / "fifo" / "1.0").mkdir(parents=True)
    os.mkfifo(root / "fifo" / "1.0" / "package.py")
    (root / "dir" / "1.0" / "package.py").mkdir(parents=True)
    names = [*texts, "latin1", "fifo", "dir"]
    proc = subprocess.run([sys.executable, "-c", HOSTILE_LOAD, str(root), *names],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    assert out["ours"] == out["theirs"], out
    assert out["ours"]["big"] == [[], []] and out["static"] >= 1  # read, not refused
