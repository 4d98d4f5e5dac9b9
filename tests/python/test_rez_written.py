"""Package files as rez's own writer writes them (tests/rez_written.py: commands, block
strings, dicts, config scopes, local installs, old-format data, CRLF), against rez's load
of each file and rez's resolves over them."""

from __future__ import annotations

import sys

import pytest

rez = pytest.importorskip("rez")

import pyrer  # noqa: E402
from harness import REPO  # noqa: E402

sys.path.insert(0, str(REPO / "tests"))
import rez_written  # noqa: E402

FAMILIES = 60  # the first families of rez's benchmark repository, by name
COVERAGE = 0.99  # of the files whose data is the file alone, read statically


@pytest.fixture(scope="module")
def written(bench_repo, tmp_path_factory):
    from pathlib import Path

    families = sorted(p.name for p in Path(bench_repo).iterdir() if p.is_dir())[:FAMILIES]
    dest = tmp_path_factory.mktemp("rez-written")
    paths = rez_written.write(str(bench_repo), str(dest), families)
    return dest, families, paths


def test_loads_equal_rez_loads(written):
    """Every package as load_packages gives it equals rez's load of the file."""
    from rez.package_repository import package_repository_manager
    from rez.packages import iter_packages

    dest, families, paths = written
    package_repository_manager.clear_caches()
    theirs = {}
    for family in families:
        for pkg in iter_packages(family, paths=[str(dest)]):
            d = pyrer.PackageData.from_rez(pkg)
            theirs[(d.name, d.version)] = (d.requires, d.variants)
    result = pyrer.load_packages(dest)
    ours = {(p.name, p.version): (p.requires, p.variants) for p in result}
    assert len(ours) == len(paths) > 100 and not result.problems
    assert ours == theirs
    alone = sum(rez_written.file_alone(p) for p in paths)
    print(f"\nrez-written repository ({len(paths)} files, {alone} whose data is the file "
          f"alone): {result.static_reads} read statically, {result.rez_loads} loaded by rez: "
          f"{result.rez_reasons}")
    assert result.static_reads >= COVERAGE * alone, result.rez_examples
    # what the writer writes that only rez can take goes to rez for that reason
    assert set(result.rez_reasons) <= {"decorator", "old-format-data", "requirement"}, \
        result.rez_examples
    assert result.rez_reasons.get("decorator", 0) == sum("@late()" in p.read_text()
                                                         for p in paths) > 0


def test_resolves_equal_rez(written, bench_repo):
    """solve(package_paths=[written, benchmark]) against ResolvedContext, each written
    family requested alone (its dependencies from the benchmark repository)."""
    from rez.package_repository import package_repository_manager
    from rez.resolved_context import ResolvedContext

    dest, families, _ = written
    paths = [str(dest), str(bench_repo)]
    for family in families[:20]:
        package_repository_manager.clear_caches()
        try:
            ctx = ResolvedContext([family], package_paths=paths, add_implicit_packages=False)
            rez_answer = (ctx.status.name,
                          [(v.name, str(v.version), v.index) for v in ctx.resolved_packages])
        except Exception as err:  # rez raises: pyrer reports an error
            rez_answer = ("error", type(err).__name__)
        r = pyrer.solve([family], package_paths=paths)
        ours = (r.status, r.resolved) if r.status != "error" else ("error",)
        assert ours == rez_answer[:len(ours)], (family, r.failure_description, rez_answer)
