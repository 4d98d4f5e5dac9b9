"""Parity: pyrer.scan_repo returns what the Rust scanner returns (the scan
example's JSON), entry for entry, and what rez 3.4.0 itself enumerates
(tools/rez_enumerate.py) on the edge-case tree (the EDGE rows of docs/enumeration.md)
and on rez's benchmark repository (ENUM-10.5)."""

from __future__ import annotations

import collections
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


def run_json(argv: list) -> harness.Run:
    """A JSON-lines tool's run (the scan example's, or the dumper's), parsed by the harness."""
    proc = subprocess.run([os.fsencode(a) for a in argv], capture_output=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    return harness.parse(os.path.basename(str(argv[0])), argv, proc)


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
    rust = run_json([scan_bin, *flags, "--backend", backend, "--check", "--json", *edge])
    result = pyrer_scan(edge, kwargs, backend)
    assert records(result, edge) == rust.ordered  # same entries, same order
    assert [{"path": p.path, "operation": p.operation, "errno": p.errno,
             "message": p.message} for p in result.problems] == rust.issues
    assert [edge.index(a.root) for a in result.absent_roots] == rust.absent_roots != []
    assert result.backend == backend


@pytest.mark.parametrize("mode", MODES)
def test_same_as_rez(mode, edge, rez_python):
    flags, kwargs = MODES[mode]
    rez = run_json([rez_python, DUMPER, *flags, *edge])
    result = pyrer_scan(edge, kwargs, "auto")
    assert collections.Counter(records(result, edge)) == rez.records
    # where rez raises, pyrer reports a problem at that path or under it
    for error in rez.issues:
        where = error["path"].rstrip("/")
        assert any(p.path == where or p.path.startswith(where + "/") for p in result.problems), (
            error, result.problems)


def test_benchmark_repository(bench_repo, scan_bin, rez_python):
    root = str(bench_repo)
    result = pyrer_scan([root], {}, "auto")
    assert (len(result), len({p.family for p in result}), result.problems) == (18226, 1266, ())
    assert records(result, [root]) == run_json([scan_bin, "--json", root]).ordered
    rez = run_json([rez_python, DUMPER, root])
    assert not rez.issues and collections.Counter(records(result, [root])) == rez.records
