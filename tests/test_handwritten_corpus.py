"""The static reader on package files as people write them, and on rez's own test
repositories, against rez 3.4.0's loads.

* tests/handwritten_corpus: 200 package.py files in the styles of public rez
  repositories, in the proportions observed there (see its README; written by
  tools/handwritten_corpus.py). The reader must read at least 70% of the files rez
  loads, with 0 divergences;
* the package repositories rez ships for its own tests (``rez/data/tests/...`` of
  the rez python's installed rez): 0 divergences.

A divergence is a file the reader reads (``ours`` not null) where rez's load fails
or gives another name, version, requires or variants (``test_static_reader.divergences``).
rer-package 1.0.0-rc.3's unguarded reading (``rc3``) is measured alongside. The
``read`` example runs with ``--python X.Y`` of the rez python, the grammar rez's
``exec`` of the files uses. Coverage numbers go to the terminal summary.

Environment: ``PYRER_READ_BIN`` and ``PYRER_REZ_PYTHON`` as in tests/test_static_reader.py.
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

import pytest

import harness
import test_static_reader as static

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "handwritten_corpus"
GENERATOR = HERE.parent / "tools" / "handwritten_corpus.py"
MIN_FILES = 150
MIN_COVERAGE = 0.70  # of the files rez loads
# rez's test package repositories (<family>/<version>/package.py), under rez/data/tests
REZ_TEST_ROOTS = ["builds/packages", "commands/packages", "packages/py_packages",
                  "solver/packages"]


@pytest.fixture(scope="session", autouse=True)
def _summary(request) -> None:
    """Registers test_static_reader's summary hook (SUMMARY goes to the terminal)."""
    if not request.config.pluginmanager.has_plugin("static-reader-summary"):
        request.config.pluginmanager.register(static._Summary(), "static-reader-summary")


@pytest.fixture(scope="session")
def read_bin() -> Path:
    return harness.example_bin("PYRER_READ_BIN", "pyrer-reader", "read")


@pytest.fixture(scope="session")
def rez_install(rez_python) -> tuple[str, Path]:
    """The rez python's version ("X.Y") and its installed rez package directory."""
    out = subprocess.run(
        [rez_python, "-c", "import json, sys, rez; "
         "print(json.dumps(['%d.%d' % sys.version_info[:2], rez.__file__]))"],
        capture_output=True, text=True, env=static.rez_env(), timeout=120)
    assert out.returncode == 0, out.stderr
    version, rez_file = json.loads(out.stdout)
    return version, Path(rez_file).resolve().parent


def run_reader(read_bin: Path, root: Path, python: str) -> dict:
    proc = subprocess.run([str(read_bin), "--python", python, str(root)],
                          capture_output=True, text=True, timeout=static.TIMEOUT)
    assert proc.returncode == 0 and not proc.stderr, f"read {root}: {proc.stderr}"
    return {(r["family"], r["version"]): r for r in static.json_lines(proc.stdout)}


class Measure:
    """The reader's and rez's results on one root, and what the summary says of them."""

    def __init__(self, reader: dict, rez: dict):
        self.reader, self.rez = reader, rez
        self.loaded = {key for key in reader if static.rez_says(rez, *key)[1] is None}
        self.ours = {key for key, rec in reader.items() if rec["ours"] is not None}
        self.rc3 = {key for key, rec in reader.items() if rec["rc3"] is not None}
        self.ours_bad = static.divergences(reader, rez, "ours")
        self.rc3_bad = static.divergences(reader, rez, "rc3")
        self.refusals = collections.Counter(
            reader[key]["reason"] for key in self.loaded - self.ours)

    def coverage(self) -> float:
        return len(self.ours & self.loaded) / max(len(self.loaded), 1)

    def lines(self) -> list[str]:
        n = max(len(self.loaded), 1)
        rc3_read = len(self.rc3 & self.loaded)
        return [
            f"files: {len(self.reader)}, rez loads {len(self.loaded)}",
            f"read statically by ours: {len(self.ours & self.loaded)}/{len(self.loaded)} of "
            f"the files rez loads ({100.0 * len(self.ours & self.loaded) / n:.1f}%), "
            f"divergences from rez: {len(self.ours_bad)}",
            f"read statically by rer-package 1.0.0-rc.3: {rc3_read}/{len(self.loaded)} "
            f"({100.0 * rc3_read / n:.1f}%; {len(self.rc3 - self.loaded)} more that rez "
            f"cannot load), divergences from rez: {len(self.rc3_bad)}",
            "refused (files rez loads): " + (", ".join(
                f"{reason} {count}" for reason, count in self.refusals.most_common()) or "none"),
            *[f"  ours: {line}" for line in self.ours_bad[:static.MAX_LISTED]],
            *[f"  rc3: {line}" for line in self.rc3_bad[:static.MAX_LISTED]],
        ]


def measure(read_bin, rez_python, python, root: Path) -> Measure:
    return Measure(run_reader(read_bin, root, python), static.run_rez(rez_python, root, 2))


# ---------------------------------------------------------------------------
# the hand-written corpus


def test_corpus_is_what_the_generator_writes(tmp_path):
    """tests/handwritten_corpus is exactly tools/handwritten_corpus.py's output."""
    proc = subprocess.run([sys.executable, str(GENERATOR), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    written = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.glob("*/*/package.py")}
    here = {p.relative_to(CORPUS): p.read_bytes() for p in CORPUS.glob("*/*/package.py")}
    assert sorted(written) == sorted(here)
    assert [str(k) for k in sorted(here) if written[k] != here[k]] == []


def test_handwritten_corpus_matches_rez(read_bin, rez_python, rez_install):
    python, _ = rez_install
    m = measure(read_bin, rez_python, python, CORPUS)
    static.SUMMARY["static reader: hand-written corpus (tests/handwritten_corpus)"] = m.lines()
    assert len(m.reader) >= MIN_FILES, len(m.reader)
    # the corpus is what rez loads: only its deliberately broken files fail
    assert len(m.loaded) >= 0.95 * len(m.reader), len(m.loaded)
    static.assert_no_divergence("hand-written corpus", m.ours_bad)
    assert m.coverage() >= MIN_COVERAGE, (
        f"the reader reads {100 * m.coverage():.1f}% of the {len(m.loaded)} hand-written "
        f"files rez loads (at least {100 * MIN_COVERAGE:.0f}% required); refused: "
        f"{dict(m.refusals.most_common())}")


# ---------------------------------------------------------------------------
# rez's own test repositories


@pytest.mark.parametrize("relative", REZ_TEST_ROOTS)
def test_rez_test_repository_matches_rez(read_bin, rez_python, rez_install, relative):
    python, rez_dir = rez_install
    root = rez_dir / "data" / "tests" / relative
    assert root.is_dir(), f"{root}: not in the installed rez"
    m = measure(read_bin, rez_python, python, root)
    static.SUMMARY[f"static reader: rez's test repository {relative}"] = m.lines()
    assert m.reader, f"no <family>/<version>/package.py under {root}"
    static.assert_no_divergence(f"rez/data/tests/{relative}", m.ours_bad)
