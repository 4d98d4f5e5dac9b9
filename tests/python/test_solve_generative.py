"""The generative differential of pyrer's solves against stock rez 3.4.0
(``tests/solve_generative.py``) on a fixed-seed sample of generated repositories and
requests: ``pyrer.solve`` (in memory and over the root) and the solver hook
(``PYRER_REZ_SOLVER=1``) against ``ResolvedContext``.

The summary table (outcome classes per side, fast-path solves and fallbacks) is printed
in pytest's terminal summary, whatever the capture mode. Long runs:
``.venv/bin/python tests/solve_generative.py --cases 20000 --seed N``.
"""

from __future__ import annotations

import pytest

pytest.importorskip("rez")

import solve_generative  # noqa: E402  (tests/, on sys.path by tests/conftest.py)

CASES = 500


class _Summary:
    """A pytest plugin that prints the differential's summary table at the end."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.section("generative solve differential (tests/solve_generative.py)")
        for line in self.lines:
            terminalreporter.write_line(line)


def test_generated_solves_match_rez(request, tmp_path):
    with solve_generative.Differential(tmp_path) as diff:
        diff.sample(CASES, solve_generative.SEED)
        request.config.pluginmanager.register(_Summary(diff.table()), "solve-generative-summary")
        assert diff.cases == CASES
        assert diff.fast_paths["fast"] > 0, f"the fast path answered nothing: {diff.fast_paths}"
        if diff.violations:  # minimized while the workers run
            pytest.fail(diff.failure_message(), pytrace=False)
