"""Differential test, rez's benchmark repository (docs/enumeration.md ENUM-10.5): the
scanner against rez 3.4.0, in both modes, on 1266 families and 18226 packages."""

from __future__ import annotations

import pytest

from harness import MODES, compare, run_rez, run_scan


@pytest.mark.parametrize("mode", ["default", "check"])
def test_bench_repository(mode, bench_repo, scan_bin, rez_python):
    flags = MODES[mode]
    scan = run_scan(scan_bin, flags, [bench_repo])
    rez = run_rez(rez_python, flags, [bench_repo])
    compare(f"benchmark/{mode}", scan, rez, ["benchmark"])
    for run in (scan, rez):
        assert not run.issues, run.issues
        assert len(run.families()) == 1266, (run.side, len(run.families()))
        assert sum(run.records.values()) == 18226, (run.side, sum(run.records.values()))
