"""The solver hook (PYRER_REZ_SOLVER): rez's Resolver answered by pyrer's pipeline where
it gives rez's answer, by rez's solver (a counted, reported fallback) everywhere else;
contexts, environments and .rxt files identical to stock."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

rez = pytest.importorskip("rez")

from rez.config import config  # noqa: E402
from rez.package_filter import PackageFilterList  # noqa: E402
from rez.package_order import VersionSplitPackageOrder  # noqa: E402
from rez.resolved_context import ResolvedContext  # noqa: E402
from rez.resolver import Resolver  # noqa: E402
from rez.version import Version  # noqa: E402

import pyrer  # noqa: E402
from harness import REPO, touch, write_python_tool_lib  # noqa: E402
from test_pyrer_solve import SAMPLE  # noqa: E402

BIN = Path(sys.executable).parent


@pytest.fixture
def repo(tmp_path) -> Path:
    root = write_python_tool_lib(tmp_path / "pkgs")
    touch(root / "eph" / "1.0" / "package.py",
          "name='eph'\nversion='1.0'\nrequires=['.cuda-11']\n")
    # a late-bound requires that differs in and out of a context: rez's solver loads it
    # in the resolve's context, and so must pyrer's (it is no static read)
    touch(root / "late" / "1.0" / "package.py",
          "name='late'\nversion='1.0'\n"
          "@late()\ndef requires():\n"
          "    if in_context() and 'lib' in request:\n"
          "        return ['python-2']\n"
          "    return ['python-3']\n")
    # where rez's solver raises, though an older version would solve
    for name, broken in (("needs_missing", "nothere"), ("needs_missing_version", "python-9"),
                         ("self_conflict", "python-2', 'python-3")):
        touch(root / name / "1.0" / "package.py", f"name='{name}'\nversion='1.0'\n")
        touch(root / name / "2.0" / "package.py",
              f"name='{name}'\nversion='2.0'\nrequires=['{broken}']\n")
    return root


def resolve(switch: str, monkeypatch, *args, **kwargs):
    """(status, resolved variants, stats change) of one ResolvedContext."""
    monkeypatch.setenv("PYRER_REZ_SOLVER", switch)
    before = pyrer.rez_integration_stats()
    try:
        ctx = ResolvedContext(*args, **kwargs)
        outcome = (ctx.status.name,
                   [(v.name, str(v.version), v.index) for v in ctx.resolved_packages or []])
    except Exception as err:  # rez raises for some requests; both sides must raise alike
        outcome = ("raised", type(err).__name__, str(err))
    after = pyrer.rez_integration_stats()
    fallbacks = {k: n - before["fallbacks"].get(k, 0) for k, n in after["fallbacks"].items()
                 if n != before["fallbacks"].get(k, 0)}
    return outcome, after["fast_solves"] - before["fast_solves"], fallbacks


def same_as_stock(monkeypatch, *args, **kwargs):
    stock, fast, fallbacks = resolve("0", monkeypatch, *args, **kwargs)
    assert (fast, fallbacks) == (0, {}), "the switch is off: rez's solver, nothing counted"
    hooked = resolve("1", monkeypatch, *args, **kwargs)
    assert hooked[0] == stock, (args, kwargs)
    return hooked


def test_the_hook_is_installed_at_interpreter_start():
    assert getattr(Resolver._solve, "_pyrer_original", None) is not None
    assert pyrer.rez_integration_stats()["hooked"] is True
    out = subprocess.run([sys.executable, "-c",
                          "import sys; print('rez' in sys.modules, 'pyrer' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]  # the hook imports neither at start
    off = subprocess.run(
        [sys.executable, "-c", "import sys, rez.resolver as r; "
         "print(hasattr(r.Resolver._solve, '_pyrer_original'), len(sys.meta_path))"],
        capture_output=True, text=True, check=True,
        env=dict(os.environ, PYRER_REZ_SOLVER="0"))
    assert off.stdout.split()[0] == "False"  # PYRER_REZ_SOLVER=0: rez untouched


def test_fast_path_resolves_as_stock(repo, monkeypatch):
    paths = [str(repo)]
    for request in (["lib"], ["tool"], ["tool", "python-2"], ["late"], ["late", "lib"],
                    ["tool", "~python-2"], ["tool", "!python-3"], ["eph"], ["eph", ".cuda-11.2"],
                    ["tool", "python"]):
        for implicit in (True, False):
            outcome, fast, fallbacks = same_as_stock(
                monkeypatch, request, package_paths=paths, add_implicit_packages=implicit)
            assert outcome[0] == "solved" and (fast, fallbacks) == (1, {}), request
    # the late-bound requires saw the context: python-2 with lib in the request
    outcome, _, _ = same_as_stock(monkeypatch, ["late", "lib"], package_paths=paths)
    assert ("python", "2.7.18", None) in outcome[1]


def test_variant_select_mode(repo, monkeypatch):
    for mode in ("version_priority", "intersection_priority"):
        monkeypatch.setattr(config, "variant_select_mode", mode, raising=False)
        config.override("variant_select_mode", mode)
        try:
            outcome, fast, _ = same_as_stock(monkeypatch, ["tool", "python"],
                                             package_paths=[str(repo)])
        finally:
            config.remove_override("variant_select_mode")
        assert (outcome[0], fast) == ("solved", 1)


def test_fallbacks_answer_as_rez_and_are_counted(repo, monkeypatch):
    paths = [str(repo)]
    py3 = PackageFilterList.from_pod([{"excludes": ["python-3.11"]}])
    cases = [
        ("not_solved", (["lib", "python-3"],), {}),
        ("rez_raises", (["nothere"],), {}),
        ("rez_raises", (["needs_missing"],), {}),
        ("rez_raises", (["needs_missing_version"],), {}),
        ("rez_raises", (["self_conflict"],), {}),
        ("package_filter", (["tool"],), {"package_filter": py3}),
        ("timestamp", (["tool"],), {"timestamp": 2_000_000_000}),
        ("package_orderers", (["tool"],),
         {"package_orderers": [VersionSplitPackageOrder(Version("3"))]}),
        ("max_fails", (["tool"],), {"max_fails": 3}),
        ("time_limit", (["tool"],), {"time_limit": 60}),
        ("callback", (["tool"],), {"callback": lambda state: (
            __import__("rez.solver").solver.SolverCallbackReturn.keep_going, "")}),
        ("package_load_callback", (["tool"],), {"package_load_callback": lambda p: None}),
        ("building", (["tool"],), {"building": True}),
        ("verbose", (["tool"],), {"verbosity": 1, "buf": open(os.devnull, "w")}),
        ("repository_type", (["tool"],), {"package_paths": ["memory@nowhere"]}),
    ]
    for reason, args, kwargs in cases:
        kwargs.setdefault("package_paths", paths)
        outcome, fast, fallbacks = same_as_stock(monkeypatch, *args, **kwargs)
        assert (fast, fallbacks) == (0, {reason: 1}), (reason, outcome)


NESTED = """\
from rez.resolved_context import ResolvedContext
import pyrer
resolved = ResolvedContext(['python-3'], package_paths=[{root!r}]).resolved_packages
assert pyrer.solve(['python-3'], package_paths=[{root!r}]).status == 'solved'
requires = ['python-' + str(resolved[0].version)]
"""

LATE_NESTED = """\
@late()
def requires():
    from rez.resolved_context import ResolvedContext
    inner = ResolvedContext(['python-2'], package_paths=[{root!r}])
    return ['python-' + str(inner.resolved_packages[0].version)]
"""


def test_package_files_that_resolve_while_loading(repo):
    """A package file (with ResolvedContext and pyrer.solve), or a late-bound attribute,
    that runs a resolve of its own while rez's solver loads it: no deadlock (the context
    once went through a process-wide lock taken twice), and stock rez's answer (each in a process with a
    deadline, so a hang fails the test instead of stopping the suite)."""
    for name, body in (("nested", NESTED), ("late_nested", LATE_NESTED)):
        touch(repo / name / "1.0" / "package.py",
              f"name='{name}'\nversion='1.0'\n" + body.format(root=str(repo)))
    code = ("import sys, pyrer\n"
            "from rez.resolved_context import ResolvedContext\n"
            "for name in ('nested', 'late_nested'):\n"
            "    c = ResolvedContext([name], package_paths=[sys.argv[1]])\n"
            "    print(c.status.name, [v.qualified_name for v in c.resolved_packages])\n"
            "print(pyrer.rez_integration_stats()['fast_solves'])\n")
    outputs = {}
    for switch in ("0", "1"):
        proc = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True,
                              text=True, timeout=120, env=dict(os.environ, PYRER_REZ_SOLVER=switch))
        assert proc.returncode == 0, proc.stderr
        outputs[switch] = proc.stdout.splitlines()
    assert outputs["1"][:2] == outputs["0"][:2] == [
        "solved ['python-3.11.4[]', 'nested-1.0[]']", "solved ['python-2.7.18[]', 'late_nested-1.0[]']"]
    # the outer resolves at least were pyrer's (the switch on), none with it off
    assert int(outputs["1"][2]) >= 2 and outputs["0"][2] == "0"


def test_fallbacks_are_reported_at_rez_debug_verbosity(repo):
    code = ("from rez.resolved_context import ResolvedContext as R; import sys; "
            "R(['lib', 'python-3'], package_paths=[sys.argv[1]]); "
            "R(['tool'], package_paths=[sys.argv[1]])")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    out = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True,
                         text=True, env=dict(env, PYRER_REZ_SOLVER="1", REZ_DEBUG_PLUGINS="1",
                                             REZ_DISABLE_HOME_CONFIG="1"))
    assert out.returncode == 0, out.stderr
    text = out.stdout + out.stderr
    assert "pyrer: fallback to rez's solver (not_solved)" in text
    assert "pyrer: resolve answered by pyrer" in text
    quiet = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True,
                           text=True, env=dict(env, PYRER_REZ_SOLVER="1",
                                               REZ_DISABLE_HOME_CONFIG="1"))
    assert "pyrer:" not in quiet.stdout + quiet.stderr


def test_optionvars_switch(repo):
    code = ("import sys, pyrer; from rez.resolved_context import ResolvedContext as R; "
            "R(['tool'], package_paths=[sys.argv[1]]); "
            "print(pyrer.rez_integration_stats()['fast_solves'])")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    on = '{"pyrer": {"rez_solver": true}}'
    for extra, fast in (({"REZ_OPTIONVARS_JSON": on}, "1"), ({}, "0"),
                        ({"REZ_OPTIONVARS_JSON": on, "PYRER_REZ_SOLVER": "0"}, "0")):
        out = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True,
                             text=True, env=dict(env, **extra))
        assert out.stdout.split()[-1:] == [fast], (extra, out.stderr)


def test_contexts_serialize_and_print(repo, monkeypatch, tmp_path):
    """A fast-path context is rez's: it saves, loads, prints its graph, and equals
    (resolved packages, request) the stock one."""
    monkeypatch.setenv("PYRER_REZ_SOLVER", "1")
    ctx = ResolvedContext(["tool", "lib"], package_paths=[str(repo)])
    assert ctx.status.name == "solved" and not ctx.from_cache
    rxt = tmp_path / "c.rxt"
    ctx.save(str(rxt))
    loaded = ResolvedContext.load(str(rxt))
    assert loaded == ctx and loaded.resolved_packages == ctx.resolved_packages
    dot = loaded.graph(as_dot=True)
    for node in ("tool-1.0[0]", "lib-2.0[]", "python-2.7.18[]"):
        assert node in dot
    monkeypatch.setenv("PYRER_REZ_SOLVER", "0")
    assert ResolvedContext(["tool", "lib"], package_paths=[str(repo)]) == ctx


VARYING = re.compile(r"^(REZ_(RXT|CONTEXT)_FILE|REZ_(USED|SHELL_INIT)_TIMESTAMP)=.*$", re.M)


def test_rez_env_environment_is_stock(bench_repo):
    """`rez-env --paths ... -- printenv`: the same REZ_* variables with the switch on
    as stock, except temporary paths and times."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    requests = [["integer-1.6.6", "coincidence"], ["--no-implicit", "chest-0.0.1"],
                ["--exclude", "wave-2.7.13", "integer-1.6.6", "coincidence"],
                ["~diam==linux", "joke", "text-0.43.1", "nail-2", "cooking==1.8.2"]]
    for request in requests:
        runs = []
        for extra in ({}, {"PYRER_REZ_SOLVER": "1"}):
            out = subprocess.run([str(BIN / "rez-env"), "--paths", str(bench_repo), *request,
                                  "--", "printenv"], capture_output=True, text=True,
                                 env=dict(env, **extra))
            rez_vars = sorted(line for line in out.stdout.splitlines()
                              if line.startswith("REZ_"))
            runs.append((out.returncode, VARYING.sub("", "\n".join(rez_vars))))
        assert runs[0] == runs[1], request
        solves = request is not requests[-1]  # the last one fails: rez's failure, both sides
        assert (runs[0][0] == 0 and "REZ_USED_RESOLVE=" in runs[0][1]) == solves, request


def test_benchmark_sample_through_resolved_context(bench_repo):
    """CI's sample of rez's 188 requests, implicit packages on and off
    (benches/rez_solver_differential.py; RESULTS.md has the full run)."""
    out = subprocess.run([sys.executable, str(REPO / "benches" / "rez_solver_differential.py"),
                          "--only", ",".join(map(str, SAMPLE))],
                         capture_output=True, text=True)
    print(out.stdout)
    assert out.returncode == 0 and out.stdout.rstrip().endswith("identical"), \
        out.stdout + out.stderr


def test_unversioned_packages_fall_back_and_solve_names_them(repo, monkeypatch):
    """rez's allow_unversioned_packages (on by default) lets `ROOT/foo/package.py` be a
    package of the empty version, which sorts below every other. rer has no empty
    version, so the fast path falls back (rez's solver answers, as stock) and
    `solve(package_paths=)` is an error naming the file."""
    touch(repo / "bare" / "package.py", "name='bare'\nrequires=['python-3']\n")
    touch(repo / "uses_bare" / "1.0" / "package.py",
          "name='uses_bare'\nversion='1.0'\nrequires=['bare', 'tool']\n")
    outcome, fast, fallbacks = same_as_stock(monkeypatch, ["uses_bare"],
                                             package_paths=[str(repo)])
    assert outcome[0] == "solved" and ("bare", "", None) in outcome[1], outcome
    assert (fast, fallbacks) == (0, {"error": 1})
    result = pyrer.solve(["uses_bare"], package_paths=[str(repo)])
    assert result.status == "error"
    assert str(repo / "bare" / "package.py") in result.failure_description
    assert "unversioned" in result.failure_description


BROKEN_PYRER = r"""
import sys
sys.path.insert(0, sys.argv[2])  # a `pyrer` package that cannot be imported
from rez.resolved_context import ResolvedContext
import pyrer_rez_hook
ctx = ResolvedContext(["tool"], package_paths=[sys.argv[1]])
print(ctx.status.name, [v.qualified_name for v in ctx.resolved_packages])
print(pyrer_rez_hook.stats()["fallbacks"])
"""


def test_a_broken_pyrer_degrades_to_stock(repo, tmp_path):
    """The hook's module imports even when pyrer itself cannot: rez's solver answers,
    and the fallback is counted as "unavailable"."""
    broken = tmp_path / "shadow" / "pyrer"
    touch(broken / "__init__.py", "raise ImportError('simulated broken extension')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    env.update(REZ_DISABLE_HOME_CONFIG="1", PYRER_REZ_SOLVER="1")
    out = subprocess.run([sys.executable, "-c", BROKEN_PYRER, str(repo),
                          str(tmp_path / "shadow")], capture_output=True, text=True, env=env,
                         timeout=120)
    lines = out.stdout.splitlines()
    assert lines == ["solved ['python-3.11.4[]', 'tool-1.0[1]']", "{'unavailable': 1}"], out.stderr


def test_resolved_variants_carry_their_root_and_directory(repo, tmp_path):
    """`solve(package_paths=)`: each variant read from its own file names the root it was
    found in (as given) and its package directory; in-memory packages name none."""
    other = tmp_path / "other"
    for v in ("3.11.4", "3.12.0"):  # 3.11.4 is also in the first root, which wins it
        touch(other / "python" / v / "package.py", f"name='python'\nversion='{v}'\n")
    for request, version, root in (("python-3.12", "3.12.0", other),
                                   ("python-3.11", "3.11.4", repo)):
        result = pyrer.solve(["tool", request], package_paths=[str(repo), str(other)])
        assert result.status == "solved", result.failure_description
        places = {(v.name, v.root, v.directory) for v in result.resolved_packages}
        assert places == {("python", str(root), str(root / "python" / version)),
                          ("tool", str(repo), str(repo / "tool" / "1.0"))}
    memory = pyrer.solve(["x"], [pyrer.PackageData("x", "1")])
    assert (memory.resolved_packages[0].root, memory.resolved_packages[0].directory) == \
        (None, None)
