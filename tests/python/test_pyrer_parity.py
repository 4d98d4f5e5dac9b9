"""Parity: pyrer.scan_repo returns what the Rust scanner returns (the scan
example's JSON), entry for entry, and what rez 3.4.0 itself enumerates
(tools/rez_enumerate.py) on the edge-case tree (the EDGE rows of docs/enumeration.md)
and on rez's benchmark repository (ENUM-10.5)."""

from __future__ import annotations

import collections
import json
import os
import subprocess

import pytest

import pyrer
import harness
from harness import REPO, REZ_DEFAULTS

DUMPER = REPO / "tools" / "rez_enumerate.py"

# modes of the differential (harness.MODES), with the scan_repo keyword arguments they mean
MODES = {name: (harness.MODES[name], harness.scan_kwargs(harness.MODES[name]))
         for name in ("default", "check", "filenames", "filenames-check", "filenames-empty",
                      "no-unversioned", "disable-pkg-ignore", "lock-dir")}


def records(result: pyrer.ScanResult, roots: list[str]) -> list[tuple]:
    """scan_repo's packages in the JSON schema of the scan example and the dumper."""
    index = {root: i for i, root in enumerate(roots)}
    return [(index[p.root], p.family, p.kind, p.version, p.path, p.format) for p in result]


def run_json(argv: list) -> tuple[list[tuple], list[dict], list[dict]]:
    """(package records in output order, problem records, error records) of a JSON-lines tool."""
    proc = subprocess.run([os.fsencode(a) for a in argv], capture_output=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    packages, problems, errors = [], [], []
    for line in proc.stdout.decode().splitlines():
        obj = json.loads(line)
        if "problem" in obj:
            problems.append(obj["problem"])
        elif "error" in obj:
            errors.append(obj["error"])
        else:
            packages.append((obj["root"], obj["family"], obj["kind"], obj["version"],
                             obj["path"], obj["format"]))
    return packages, problems, errors


def pyrer_scan(roots: list[str], kwargs: dict, backend: str) -> pyrer.ScanResult:
    return pyrer.scan_repo(roots, backend=backend, on_error="collect",
                           **{**REZ_DEFAULTS, **kwargs})


def available_backends() -> list[str]:
    return [name for name, reason in pyrer.backends().items() if reason is None]


@pytest.fixture(scope="module")
def edge(edge_roots) -> list[str]:
    return [os.fsdecode(root) for root in edge_roots.values()]


@pytest.mark.parametrize("backend", available_backends())
@pytest.mark.parametrize("mode", MODES)
def test_same_as_the_rust_scanner(mode, backend, edge, scan_bin):
    flags, kwargs = MODES[mode]
    expected, problems, _ = run_json([scan_bin, *flags, "--backend", backend, "--check",
                                      "--json", *edge])
    result = pyrer_scan(edge, kwargs, backend)
    assert records(result, edge) == expected  # same entries, same order
    assert [{"path": p.path, "operation": p.operation, "errno": p.errno,
             "message": p.message} for p in result.problems] == problems
    assert result.backend == backend


@pytest.mark.parametrize("mode", MODES)
def test_same_as_rez(mode, edge, rez_python):
    flags, kwargs = MODES[mode]
    rez, _, errors = run_json([rez_python, DUMPER, *flags, *edge])
    result = pyrer_scan(edge, kwargs, "auto")
    assert collections.Counter(records(result, edge)) == collections.Counter(rez)
    # where rez raises, pyrer reports a problem at that path or under it
    for error in errors:
        where = error["path"].rstrip("/")
        assert any(p.path == where or p.path.startswith(where + "/") for p in result.problems), (
            error, result.problems)


def test_benchmark_repository(bench_repo, scan_bin, rez_python):
    root = str(bench_repo)
    result = pyrer_scan([root], {}, "auto")
    assert (len(result), len({p.family for p in result}), result.problems) == (18226, 1266, ())
    expected, _, _ = run_json([scan_bin, "--json", root])
    assert records(result, [root]) == expected
    rez, _, errors = run_json([rez_python, DUMPER, root])
    assert not errors and collections.Counter(records(result, [root])) == collections.Counter(rez)
