"""pyrer.solve on rer's solver: PyPI pyrer 1.0.0rc3's value semantics, and
``solve(package_paths=...)`` / ``load_packages`` (scanner, guarded static reader, rez for
the rest) against stock rez 3.4.0 (``ResolvedContext``, ``iter_packages``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    r = pyrer.solve(["nothere"], MEMORY)
    assert (r.status, r.failure_description) == ("failed", "package family not found: nothere")
    r = pyrer.solve(["numpy-9"], MEMORY)
    assert (r.status, r.failure_description) == ("failed", "package could not be found: numpy-9")
    with pytest.raises(ValueError):
        pyrer.solve(["x"], MEMORY, variant_select_mode="nope")
    with pytest.raises(TypeError):
        pyrer.solve(["x"], ["notdata"])
    with pytest.raises(ValueError, match="not both"):
        pyrer.solve(["x"], load_family=lambda n: [], package_paths=["/x"])


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
    assert second.startswith("error ") and "invalid requirement" in second, second


def test_load_family_contract():
    calls = []

    def load(name, version_range=None):
        calls.append((name, version_range))
        return [p for p in MEMORY if p.name == name] + [P("other", "1")]

    r = pyrer.solve(["numpy-1.20"], load_family=load)
    assert r.status == "solved" and r.resolved[-1] == ("numpy", "1.20.0", None)
    assert calls[0] == ("numpy", "1.20") and [c[0] for c in calls] == ["numpy", "python"]
    assert pyrer.solve(["numpy"], load_family=lambda name: []).status == "failed"

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
    """rez's answer as (status, sorted resolve). rez raises for a family or version that
    the request names and no repository has; pyrer (as rc3) reports those as failed."""
    from rez.exceptions import PackageFamilyNotFoundError, PackageNotFoundError
    from rez.package_repository import package_repository_manager
    from rez.resolved_context import ResolvedContext

    package_repository_manager.clear_caches()
    try:
        ctx = ResolvedContext(request, package_paths=[str(p) for p in paths],
                              add_implicit_packages=False)
    except (PackageFamilyNotFoundError, PackageNotFoundError):
        return "failed", []
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
    # nearly every benchmark file is static (the guard refuses the 40 with a `>` bound,
    # which rer cannot render back, and 7 with glued strings); rez loads the rest
    assert len(everything) == 18226 and everything.static_reads >= 18100, everything
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
    # rez was asked for dyn, yml, comb and broken (which failed)
    assert result.rez_loads == 4 and result.static_reads == len(ours) - 3


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


def test_ranges_rer_misreads_give_an_error_not_a_wrong_resolve():
    """rer-version 1.0.0-rc.3 reads `a>1` as `a-1+` and `a-1+<=2` as `a-1+<2`. Where the
    bound version exists, rez's answer could differ, so solve reports an error."""
    from rez.version import Requirement, Version

    assert Version("1") not in Requirement("a>1").range          # rez excludes the bound
    assert Version("2") in Requirement("a-1+<=2").range          # and includes this one
    r = pyrer.solve(["a>1"], [P("a", "1")])
    assert r.status == "error" and '"a>1"' in r.failure_description, r.failure_description
    r = pyrer.solve(["b"], [P("b", "1", ["a-1+<=2"]), P("a", "2")])
    assert r.status == "error" and '"a-1+<=2"' in r.failure_description
    # without a version on the bound, rer's reading equals rez's: solved as usual
    assert pyrer.solve(["a>1"], [P("a", "2")]).resolved == [("a", "2", None)]
    assert pyrer.solve(["b"], [P("b", "1", ["a-1+<=2"]), P("a", "1.5")]).status == "solved"
