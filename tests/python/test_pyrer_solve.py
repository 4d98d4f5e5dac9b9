"""pyrer.solve, PackageData and SolveResult: rez's solver over in-memory packages and over
pyrer's scanner-backed repository, compared with stock rez (ResolvedContext)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import pyrer
from conftest import REPO

rez = pytest.importorskip("rez")

# Fast requests of rez's 188-case benchmark (each well under a second in rez), from the
# first 60 and spread across the file, with the one failing request among them.
SAMPLE = [1, 2, 3, 5, 6, 7, 10, 11, 13, 14, 20, 26]


def P(name, version="", requires=(), variants=()):
    return pyrer.PackageData(name, version, list(requires), [list(v) for v in variants])


MEMORY = [
    P("python", "2.7.18"), P("python", "3.9.1"), P("python", "3.11.4"),
    P("numpy", "1.20.0", ["python-3"]), P("numpy", "1.16.6", ["python-2.7"]),
    P("tool", "1.0", variants=[["python-2.7"], ["python-3"]]),
    P("old", "1.0", ["python-2"]),
    P("unv", "", ["python"]),
]


def test_package_data_value():
    a = P("foo", "1.0", ["bar-1+"], [["python-2"], ["python-3"]])
    assert a.name == "foo" and a.version == "1.0"
    assert a.requires == ("bar-1+",) and a.variants == (("python-2",), ("python-3",))
    assert a == P("foo", "1.0", ["bar-1+"], [["python-2"], ["python-3"]])
    assert a != P("foo", "1.1") and hash(a) == hash(pickle.loads(pickle.dumps(a)))
    assert pickle.loads(pickle.dumps(a)) == a
    assert "PackageData(name='foo'" in repr(a)
    with pytest.raises(AttributeError):
        a.name = "x"
    with pytest.raises(TypeError):
        pyrer.PackageData("foo", "1.0", "bar")  # a single str is not a list of requires
    with pytest.raises(TypeError):
        pyrer.PackageData("", "1.0")


def test_solve_over_packages():
    r = pyrer.solve(["numpy"], MEMORY)
    assert r.status == "solved" and r.failure_description is None
    assert sorted(r.resolved) == [("numpy", "1.20.0", None), ("python", "3.11.4", None)]
    assert {p.name for p in r.resolved_packages} == {"numpy", "python"}
    assert r.solve_time_ms > 0 and r.presolve_time_ms >= 0

    r = pyrer.solve("tool python-2", MEMORY)  # a str is split on whitespace
    assert sorted(r.resolved) == [("python", "2.7.18", None), ("tool", "1.0", 0)]
    assert sorted(pyrer.solve(["tool"], MEMORY).resolved) == [
        ("python", "3.11.4", None), ("tool", "1.0", 1)]
    assert sorted(pyrer.solve(["unv"], MEMORY).resolved) == [
        ("python", "3.11.4", None), ("unv", "", None)]


def test_solve_failures_are_reported_not_raised():
    r = pyrer.solve(["old", "numpy-1.20"], MEMORY)
    assert r.status == "failed" and r.resolved == [] and r.failure_description
    r = pyrer.solve(["nothere"], MEMORY)
    assert r.status == "error" and "nothere" in r.failure_description
    r = pyrer.solve(["bad-!!request"], MEMORY)
    assert r.status == "error" and r.failure_description
    with pytest.raises(ValueError):
        pyrer.solve(["x"], MEMORY, package_paths=["/x"])
    with pytest.raises(ValueError):
        pyrer.solve(["x"], MEMORY, variant_select_mode="nope")
    with pytest.raises(TypeError):
        pyrer.solve(["x"], ["notdata"])


def test_variant_select_mode():
    pkgs = [P("a", "1.0", variants=[["b-1"], ["b-2"]]), P("b", "1.0"), P("b", "2.0"),
            P("c", "1.0", ["b-1"])]
    from rez.config import config

    before = config.variant_select_mode
    for mode in ("version_priority", "intersection_priority"):
        r = pyrer.solve(["a", "c"], pkgs, variant_select_mode=mode)
        assert r.status == "solved" and ("a", "1.0", 0) in r.resolved
    assert config.variant_select_mode == before  # restored


def write_pkg(root: Path, name: str, version: str, requires=(), variants=None) -> None:
    d = root / name / version
    d.mkdir(parents=True, exist_ok=True)
    text = f"name = {name!r}\nversion = {version!r}\nrequires = {list(requires)!r}\n"
    if variants:
        text += f"variants = {variants!r}\n"
    (d / "package.py").write_text(text)


@pytest.fixture
def small_repo(tmp_path) -> Path:
    root = tmp_path / "pkgs"
    for v in ("2.7.18", "3.9.1", "3.11.4"):
        write_pkg(root, "python", v)
    write_pkg(root, "numpy", "1.20.0", ["python-3"])
    write_pkg(root, "numpy", "1.16.6", ["python-2.7"])
    write_pkg(root, "tool", "1.0", variants=[["python-2.7"], ["python-3"]])
    write_pkg(root, "old", "1.0", ["python-2"])
    return root


def stock(request, paths):
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


def test_solve_over_package_paths_matches_rez(small_repo):
    for request in (["numpy"], ["tool", "python-2"], ["tool"], ["old", "numpy-1.20"],
                    ["nothere"], ["python-4"]):
        r = pyrer.solve(request, package_paths=[small_repo])
        assert (r.status, sorted(r.resolved)) == stock(request, [small_repo]), request


def test_solve_uses_the_scanner(small_repo):
    from pyrer import _rez_repo, _solve

    cls = _rez_repo.repository_class()
    _solve._repos.clear()
    before = cls.pyrer_scans
    pyrer.solve(["numpy"], package_paths=[small_repo])
    # one scan per family the solver touched (numpy and python), never the whole root
    assert cls.pyrer_scans - before == 2
    pyrer.solve(["numpy"], package_paths=[small_repo])
    assert cls.pyrer_scans - before == 2  # reused
    repo = _solve._repos[os.path.abspath(small_repo)]
    assert repo._pyrer_listing is None
    from rez.package_repository import package_repository_manager

    key = f"filesystem@{small_repo}"
    assert type(package_repository_manager.repositories.get(key)) is not cls  # swapped back


@pytest.fixture(scope="module")
def benchmark(cache_dir):
    from pyrer import _demo

    root = _demo.benchmark_repository(cache_dir)
    requests = json.loads((Path(rez.__file__).parent / "data" / "benchmarking"
                           / "requests.json").read_text())
    assert len(requests) == 188
    return root, requests


def test_benchmark_sample_matches_rez(benchmark):
    """CI's sample of benches/solve_differential.py (the full 188 run is a benchmark)."""
    root, requests = benchmark
    statuses = set()
    for i in SAMPLE:
        r = pyrer.solve(requests[i], package_paths=[root])
        expected = stock(requests[i], [root])
        assert (r.status, sorted(r.resolved)) == expected, i
        statuses.add(r.status)
    assert statuses == {"solved", "failed"}


def test_package_paths_equals_packages(benchmark):
    """solve(package_paths) == solve(packages=PackageData.from_rez of the families involved)."""
    from rez.packages import iter_packages
    from rez.version import Requirement

    root, requests = benchmark
    for i in SAMPLE[:2]:
        by_paths = pyrer.solve(requests[i], package_paths=[root])
        # every package the solve could touch: the closure of the requests over all versions
        names: set = set()
        todo = [Requirement(r).name for r in requests[i]]
        datas = []
        while todo:
            name = todo.pop()
            if name in names:
                continue
            names.add(name)
            for p in iter_packages(name, paths=[str(root)]):
                d = pyrer.PackageData.from_rez(p)
                datas.append(d)
                todo += [Requirement(r).name for r in d.requires + sum(d.variants, ())]
        by_data = pyrer.solve(requests[i], datas)
        assert (by_paths.status, sorted(by_paths.resolved)) == (
            by_data.status, sorted(by_data.resolved)), i


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


def test_presolve_time_includes_package_loads(tmp_path):
    """presolve_time_ms counts loading package.py (rez 3.4.0 reports no load time itself)."""
    root = tmp_path / "slow"
    write_pkg(root, "slow", "1.0")
    path = root / "slow" / "1.0" / "package.py"
    path.write_text("import time\ntime.sleep(0.2)\n" + path.read_text())
    r = pyrer.solve(["slow"], package_paths=[root])
    assert r.status == "solved", r.failure_description
    assert r.presolve_time_ms >= 200, r
    assert r.solve_time_ms < r.presolve_time_ms, r
