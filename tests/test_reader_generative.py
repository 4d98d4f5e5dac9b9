"""The generative differential of the static package.py reader against rez 3.4.0
(``tests/reader_generative.py``) on a fixed-seed sample: hypothesis writes package
files over the space the reader handles and its traps, the reader (the ``read``
example) and rez load them from one repository, and every file the reader reads
must be rez's load of it (the file alone, in a new rez process).

The sample must have teeth: a good part of the files read by the reader, many of
its refusal reasons hit, and files rez cannot load among those it refuses. The
summary (coverage, refusals by reason, trap categories) is printed in pytest's
terminal summary. Long runs:
``.venv/bin/python tests/reader_generative.py --cases 5000 --seed N``.

Environment: ``PYRER_READ_BIN`` (a prebuilt ``read`` example, else cargo builds it)
and ``PYRER_REZ_PYTHON`` (see tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import harness
import reader_generative
import test_static_reader as tsr

CASES = 2000  # about 7 s on a 2-core machine (generation, reader, rez)


@pytest.fixture(scope="session")
def read_bin() -> Path:
    return harness.example_bin("PYRER_READ_BIN", "pyrer-reader", "read")


@pytest.fixture(scope="session", autouse=True)
def _report(request) -> None:
    """Registers test_static_reader.py's summary hook (SUMMARY), if not yet."""
    if not request.config.pluginmanager.has_plugin("static-reader-summary"):
        request.config.pluginmanager.register(tsr._Summary(), "static-reader-summary")


def test_generated_files_match_rez(read_bin, rez_python, tmp_path):
    report = reader_generative.run(CASES, reader_generative.SEED, read_bin=read_bin,
                                   rez_python=rez_python, workdir=tmp_path)
    tsr.SUMMARY["static reader: generative (tests/reader_generative.py, "
                f"seed {reader_generative.SEED})"] = report.summary()
    n = len(report.outcomes)
    assert n == CASES
    if report.divergences:
        pytest.fail(f"the static reader reads {len(report.divergences)} generated files "
                    "where rez's load fails or differs:\n"
                    + "\n".join(report.divergence_text()), pytrace=False)
    # teeth: the reader reads a good part of the files, ...
    assert report.read >= 0.3 * n, f"only {report.read} of {n} files read"
    # ... refuses them for many reasons, ...
    assert len(report.refusals) >= 10, f"refusal reasons hit: {dict(report.refusals)}"
    # ... and refuses files rez cannot load
    assert report.rez_fails_refused > 0, "rez loads every file the reader refuses"
    # every trap category is drawn, and some of its files are refused
    for category in reader_generative.TRAPS:
        of = [o for o in report.outcomes if o.case.category == category]
        assert of and any(not o.read for o in of), f"trap category {category}: no refusal"
