"""A generative differential of pyrer's solves against stock rez 3.4.0.

Hypothesis generates small rez package repositories (1-6 families of 1-5 versions;
requirements of every form of rez's grammar, weak and conflict ones, variants,
ephemerals, families and versions that do not exist, packages whose own requirements
conflict, a few unparsable version directories) and requests. Every case is written to
disk as rez writes simple package files and resolved four ways:

* ``rez``: stock ``ResolvedContext(request, package_paths=[root],
  add_implicit_packages=...)``, the oracle;
* ``memory``: ``pyrer.solve(full request, packages)`` over ``PackageData`` of every
  package (skipped where rez cannot load every package of the repository, e.g. an
  unparsable version directory: such a repository has no in-memory equivalent);
* ``disk``: ``pyrer.solve(full request, package_paths=[root])``;
* ``fast``: ``ResolvedContext`` as for ``rez`` with ``PYRER_REZ_SOLVER=1`` (the solver
  hook), counting resolves answered by pyrer and fallbacks to rez's solver.

The full request is ResolvedContext's: the request, then rez's ``implicit_packages``
when they are on. Two long-lived worker processes run the sides (rez's defaults, no
user configuration, resolve caching off): ``stock`` without the hook, ``fast`` with it
(it also runs both ``pyrer.solve`` sides).

An outcome is ``("solved", [(name, version, variant_index), ...], ephemerals)``,
``("failed",)``, ``("raised", ExceptionClass)`` (rez, or ``pyrer.solve`` raising) or
``("error",)`` (``pyrer.solve``'s status error, which stands for rez raising). Each side
is classified against rez's outcome: ``identical``, ``different_resolve`` (both solved,
differently), ``different_exception``, or ``<side>_<status>_rez_<status>`` (e.g.
``pyrer_failed_rez_raised``, ``fast_solved_rez_failed``); ``skipped`` for the memory
side. Cases whose versions hold alphabetic tokens are counted in classes of their own
(``alpha:...``). The rules: the fast path is identical to stock rez on every case;
``pyrer.solve`` is identical, or reports "error" where rez solved or failed, or "failed"
where rez raised (``ALLOWED``).

Reports show each differing case minimized (``Differential.minimize``: what the
difference survives without is dropped), with every package file, the request and the
four outcomes, so that it can be reproduced by hand.

``tests/python/test_solve_generative.py`` runs a fixed-seed sample. Long runs:

    .venv/bin/python tests/solve_generative.py --cases 20000 --seed N [--write benches/RESULTS.md]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

SEED = 20240611  # the pytest sample's seed, and --seed's default
SIDES = ("memory", "disk", "fast")
ALLOWED = {
    "memory": {"identical", "skipped", "pyrer_error_rez_solved", "pyrer_error_rez_failed",
               "pyrer_failed_rez_raised"},
    "disk": {"identical", "pyrer_error_rez_solved", "pyrer_error_rez_failed",
             "pyrer_failed_rez_raised"},
    "fast": {"identical"},
}
SPELLING = "resolved ephemerals as pyrer spells them:"
TIMEOUT = 120.0  # seconds a worker may take over one case before it is restarted
HERE = Path(__file__).resolve()
BEGIN, END = "<!-- generative:begin -->", "<!-- generative:end -->"

# ---------------------------------------------------------------------------
# the cases

FAMILIES = ["foo", "bar", "baz", "qux", "lib", "app", "tool", "platform"]  # platform: implicit
MISSING = ["ghost", "nothere"]  # families no case has
EPHEMERALS = [".eph", ".cuda"]
VERSIONS = ["1", "1.0", "1.5", "2", "2.0.1", "3", "0.5", "9"]  # requirement versions, any family
FIRST_TOKENS = ["0", "1", "2", "3"]
TOKENS = ["0", "1", "2", "5", "10"]
ALPHA_TOKENS = ["a", "b", "beta", "rc1"]
BROKEN = ["1..0", "1.", "2..1", "1.-0"]  # version directories rez cannot parse
FORMS = [  # every requirement form of rez's grammar: n the name, a <= b versions (mostly)
    "{n}", "{n}-{a}", "{n}=={a}", "{n}-{a}+", "{n}>{a}", "{n}>={a}", "{n}<{a}", "{n}<={a}",
    "{n}-{a}+<{b}", "{n}>{a}<{b}", "{n}>={a}<={b}", "{n}>{a}<={b}", "{n}-{a}..{b}",
    "{n}-{a}|{b}+", "{n}-<={b},>{a}", "{n}-<{b},>={a}", "{n}@{a}", "{n}#{a}",
]
SIMPLE_FORMS = ["{n}", "{n}-{a}", "{n}-{a}+"]  # as often as all of FORMS: longer chains


@dataclass(frozen=True)
class Package:
    """A package file: ``ROOT/name/version/package.py``."""

    name: str
    version: str
    requires: list[str]
    variants: list[list[str]]

    def text(self) -> str:
        """The package file, as rez writes a simple one."""
        lines = [f"name = {self.name!r}", f"version = {self.version!r}"]
        if self.requires:
            lines.append(f"requires = {self.requires!r}")
        if self.variants:
            lines.append(f"variants = {self.variants!r}")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Case:
    """A repository and a request."""

    packages: list[Package]
    broken: list[Package]  # in unparsable version directories
    request: list[str]
    implicit: bool

    def files(self) -> dict[str, str]:
        """Every package file, by its path under the root."""
        return {f"{p.name}/{p.version}/package.py": p.text()
                for p in self.packages + self.broken}

    def write(self, root: Path) -> None:
        for path, text in self.files().items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)

    @property
    def alpha(self) -> bool:
        """Whether a version holds an alphabetic token."""
        return any(c.isalpha() for p in self.packages for c in p.version)

    def size(self) -> int:
        """How big the case is (to show the smallest examples first)."""
        reqs = sum(len(p.requires) + sum(map(len, p.variants)) for p in self.packages)
        return len(self.packages) + len(self.broken) + reqs + len(self.request)

    def describe(self) -> str:
        """The request and every package file, one line each."""
        implicit = "on" if self.implicit else "off"
        lines = [f"request: {self.request!r} (implicit packages {implicit})"]
        for path, text in sorted(self.files().items()):
            lines.append(f"  {path}: " + "; ".join(text.splitlines()))
        return "\n".join(lines)


def _weighted(strategy: Any, rare: Any, one_in: int) -> Any:
    """``rare`` one time in ``one_in``, else ``strategy``."""
    return st.sampled_from(range(one_in)).flatmap(
        lambda n: rare if n == one_in - 1 else strategy)


def _lists(strategy: Any, low: int, high: int, **kwargs: Any) -> Any:
    """Lists of ``low`` to ``high`` elements, each size about as likely (hypothesis's
    own lists are mostly short)."""
    return st.sampled_from(range(low, high + 1)).flatmap(
        lambda n: st.lists(strategy, min_size=n, max_size=n, **kwargs))


def _some(names: list[str], high: int) -> Any:
    """Up to ``high`` distinct names of ``names`` (never rejected: no filtering)."""
    return _lists(st.sampled_from(names), 0, min(high, len(names)), unique=True) \
        if names else st.just([])


@st.composite
def version(draw: Any, alpha: bool) -> str:
    """1, 1.0, 1.5, 2.0.1, ...: numeric tokens, alphabetic ones where ``alpha``."""
    token = _weighted(st.sampled_from(TOKENS), st.sampled_from(ALPHA_TOKENS), 3) \
        if alpha else st.sampled_from(TOKENS)
    first = draw(st.sampled_from(FIRST_TOKENS))
    return ".".join([first, *draw(_lists(token, 0, 2))])


class Pools:
    """The families of a case (in the order drawn) and their versions."""

    def __init__(self, versions: dict[str, list[str]]) -> None:
        self.names = list(versions)
        self.versions = versions

    def own(self, name: str) -> list[str]:
        """The versions a requirement on ``name`` names when it names one of its own:
        its versions and their first tokens (``foo-1`` takes 1.0 and 1.5), else any."""
        own = self.versions.get(name)
        return sorted(set(own) | {v.split(".")[0] for v in own}) if own else VERSIONS


def _ordered(a: str, b: str) -> tuple[str, str]:
    from rez.version import Version

    return (a, b) if Version(a) <= Version(b) else (b, a)


@st.composite
def bounds(draw: Any, pools: Pools, name: str, any_order: Any) -> tuple[str, str]:
    """Two versions for a requirement on ``name``: mostly its own, else any (which may
    not exist); distinct and ascending, except where ``any_order`` draws True (equal
    or descending bounds, which rez refuses)."""
    pool = draw(_weighted(st.just(pools.own(name)), st.just(VERSIONS), 10))
    if draw(any_order):
        return draw(st.tuples(st.sampled_from(pool), st.sampled_from(pool)))
    if len(pool) < 2:
        pool = sorted(set(pool) | set(VERSIONS))
    pair = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=2, unique=True))
    return _ordered(*pair)


@st.composite
def requirement(draw: Any, pools: Pools, name: str, in_request: bool) -> str:
    """A requirement on ``name`` in any form of rez's grammar, maybe weak or conflict.
    Equal or descending bounds and ``~``/``!`` ephemerals make a package rez cannot
    load, so they are rarer in package requirements than in requests."""
    a, b = draw(bounds(pools, name, _weighted(st.just(False), st.just(True),
                                              8 if in_request else 200)))
    prefixes = st.sampled_from(["~", "!"])
    if name.startswith(".") and not in_request:
        prefixes = _weighted(st.just(""), prefixes, 10)
    prefix = draw(_weighted(st.just(""), prefixes, 5))
    form = draw(_weighted(st.sampled_from(SIMPLE_FORMS), st.sampled_from(FORMS), 2))
    return prefix + form.format(n=name, a=a, b=b)


@st.composite
def requirements(draw: Any, pools: Pools, names: list[str], high: int) -> list[str]:
    """Requirements of a package (or one of its variants) on up to ``high`` families of
    ``names``, one each; sometimes one on a missing family or an ephemeral too."""
    targets = draw(_some(names, high))
    targets += draw(_weighted(st.just([]), st.sampled_from(MISSING).map(lambda m: [m]), 20))
    targets += draw(_weighted(st.just([]), st.sampled_from(EPHEMERALS).map(lambda e: [e]), 15))
    return [draw(requirement(pools, name, in_request=False)) for name in targets]


@st.composite
def conflicting(draw: Any, pools: Pools) -> list[str]:
    """Two requirements on one family that no version meets together."""
    name = draw(st.sampled_from(pools.names))
    a, b = draw(bounds(pools, name, st.just(False)))
    return draw(st.sampled_from([[f"{name}-{a}", f"{name}-{b}"], [f"{name}<{b}", f"!{name}"],
                                 [f"{name}>{b}", f"{name}<={a}"]]))


@st.composite
def package(draw: Any, pools: Pools, name: str, version: str) -> Package:
    """A package requiring families after its own (chains), rarely any (cycles, itself);
    rarely with two requirements that conflict; sometimes with variants."""
    later = pools.names[pools.names.index(name) + 1:]
    names = draw(_weighted(st.just(later), st.just(pools.names), 10))
    requires = draw(requirements(pools, names, 3))
    requires += draw(_weighted(st.just([]), conflicting(pools), 25))
    variants = draw(_weighted(st.just([]), _lists(requirements(pools, names, 2), 1, 3), 4))
    return Package(name, version, requires, [v for v in variants if v])


@st.composite
def request_requirement(draw: Any, pools: Pools) -> str:
    """A requirement of a request: on a family of the case, a missing one or an ephemeral."""
    name = draw(_weighted(_weighted(st.sampled_from(pools.names), st.sampled_from(MISSING), 10),
                          st.sampled_from(EPHEMERALS), 8))
    return draw(requirement(pools, name, in_request=True))


@st.composite
def cases(draw: Any) -> Case:
    """A repository and a request."""
    alpha = draw(_weighted(st.just(False), st.just(True), 10))
    names = draw(_lists(st.sampled_from(FAMILIES), 1, 6, unique=True))
    versions = {n: draw(_lists(version(alpha), 1, 5, unique=True)) for n in names}
    pools = Pools(versions)
    packages = [draw(package(pools, n, v)) for n in names for v in versions[n]]
    broken = draw(_weighted(st.just([]), st.tuples(st.sampled_from(names), st.sampled_from(
        BROKEN)).map(lambda nv: [Package(nv[0], nv[1], [], [])]), 20))
    request = draw(_lists(request_requirement(pools), 1, 4))
    return Case(packages, broken, request, draw(st.sampled_from([True, False])))


def generate(count: int, seed: int, visit: Callable[[Case], None]) -> None:
    """Calls ``visit`` on ``count`` cases, the same ones for the same seed (and version
    of hypothesis). Nothing is shrunk: the reports show the smallest cases instead."""
    @hypothesis_seed(seed)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def check(case: Case) -> None:
        visit(case)

    check()


# ---------------------------------------------------------------------------
# the workers (separate processes: the hook is installed at interpreter start)


def worker_environment(solver: str, scratch: Path) -> dict[str, str]:
    """rez's defaults whatever the machine's configuration; the hook as asked."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    nowhere = str(scratch / "no-packages")
    env.update(REZ_DISABLE_HOME_CONFIG="1", REZ_RESOLVE_CACHING="0",
               REZ_PACKAGES_PATH=nowhere, REZ_LOCAL_PACKAGES_PATH=nowhere,
               REZ_RELEASE_PACKAGES_PATH=nowhere, PYRER_REZ_SOLVER=solver,
               PYTHONHASHSEED="0")
    return env


def _rez_outcome(job: dict) -> tuple[list, str]:
    from rez.resolved_context import ResolvedContext

    try:
        ctx = ResolvedContext(job["request"], package_paths=[job["root"]],
                              add_implicit_packages=job["implicit"])
    except Exception as err:
        return ["raised", type(err).__name__], f"{type(err).__name__}: {err}"
    if ctx.status.name != "solved":
        return [ctx.status.name], ctx.failure_description or ""
    resolved = [[v.name, str(v.version), v.index] for v in ctx.resolved_packages]
    return ["solved", resolved, [str(e) for e in ctx.resolved_ephemerals]], ""


def _pyrer_outcome(solve: Callable[[], Any]) -> tuple[list, str]:
    """The outcome of ``solve()``, its resolved ephemerals spelled as rez spells them
    (the message then gives pyrer's spelling, where it differs)."""
    try:
        result = solve()
    except Exception as err:
        return ["raised", type(err).__name__], f"{type(err).__name__}: {err}"
    if result.status != "solved":
        return [result.status], result.failure_description or ""
    resolved = [list(r) for r in result.resolved]
    ephemerals = [_as_rez_spells(e) for e in result.resolved_ephemerals]
    message = "" if ephemerals == list(result.resolved_ephemerals) else \
        f"{SPELLING} {list(result.resolved_ephemerals)}"
    return ["solved", resolved, ephemerals], message


def _as_rez_spells(requirement: str) -> str:
    from rez.version import Requirement

    try:
        return str(Requirement(requirement))
    except Exception:  # not rez's grammar: compared as it is
        return requirement


def _unloadable(root: str) -> Optional[str]:
    """Why rez cannot load every package under ``root``, or None."""
    from rez.packages import iter_package_families

    try:
        for family in iter_package_families(paths=[root]):
            for pkg in family.iter_packages():
                pkg.validate_data()
    except Exception as err:
        return f"rez cannot load the repository: {type(err).__name__}: {err}"
    return None


def _fast_path() -> Callable[[], str]:
    """A probe of the hook's counters: each call says what answered the resolves since
    the previous call ("fast", "fallback <reason>", or "no solve")."""
    import pyrer

    last = pyrer.rez_integration_stats()

    def probe() -> str:
        nonlocal last
        now = pyrer.rez_integration_stats()
        fallbacks = [k for k, n in now["fallbacks"].items() if n != last["fallbacks"].get(k, 0)]
        fast = now["fast_solves"] != last["fast_solves"]
        last = now
        return "fast" if fast else f"fallback {fallbacks[0]}" if fallbacks else "no solve"

    return probe


def _fast_sides() -> Callable[[dict], dict]:
    """The fast worker's answer to a job: the hooked resolve, then both pyrer.solve sides
    over ResolvedContext's full request (the request, then the implicit packages)."""
    import pyrer
    from rez.config import config
    from rez.utils.formatting import PackageRequest

    implicits = [str(PackageRequest(x)) for x in config.implicit_packages]
    probe = _fast_path()

    def answer(job: dict) -> dict:
        reply = {"fast": _rez_outcome(job), "fast_path": probe()}
        request = job["request"] + (implicits if job["implicit"] else [])
        reply["disk"] = _pyrer_outcome(lambda: pyrer.solve(request, package_paths=[job["root"]]))
        skip = _unloadable(job["root"])
        packages = [pyrer.PackageData(*p) for p in job["packages"]]
        reply["memory"] = (["skipped"], skip) if skip else _pyrer_outcome(
            lambda: pyrer.solve(request, packages))
        return reply

    return answer


def worker(kind: str) -> None:
    """A worker: one JSON job a line on stdin, one JSON reply a line on stdout."""
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever rez prints goes to stderr, not into the replies
    import pyrer
    from rez.config import config
    from rez.package_repository import package_repository_manager

    assert not (config.resolve_caching or config.package_filter or config.package_orderers), \
        "rez's defaults"
    answer = _fast_sides() if kind == "fast" else (lambda job: {"rez": _rez_outcome(job)})
    for line in sys.stdin:
        package_repository_manager.clear_caches()
        replies.write(json.dumps(answer(json.loads(line))) + "\n")
        replies.flush()
        hooked = pyrer.rez_integration_stats()["hooked"]
        assert hooked == (kind == "fast"), f"{kind} worker: rez's resolver hooked: {hooked}"


class Worker:
    """A worker process, restarted when it dies or hangs."""

    def __init__(self, kind: str, scratch: Path) -> None:
        self.kind, self.scratch = kind, scratch
        self.log = scratch / f"{kind}-worker.log"
        self.proc: Optional[subprocess.Popen] = None
        self._start()

    def _start(self) -> None:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(HERE), "--worker", self.kind], cwd=self.scratch,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
                env=worker_environment("1" if self.kind == "fast" else "0", self.scratch))

    def send(self, job: dict) -> None:
        """Sends a job (to a new worker, if this one died since its last reply)."""
        for attempt in range(2):
            assert self.proc is not None and self.proc.stdin is not None
            try:
                self.proc.stdin.write(json.dumps(job) + "\n")
                self.proc.stdin.flush()
                return
            except BrokenPipeError:
                if attempt:
                    raise
                self.close(kill=True)
                self._start()

    def receive(self) -> Optional[dict]:
        """The reply to the job sent, or None (the worker died or hung: restarted)."""
        assert self.proc is not None and self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], TIMEOUT)
        line = self.proc.stdout.readline() if ready else ""
        if line:
            return json.loads(line)
        self.close(kill=True)
        self._start()
        return None

    def close(self, kill: bool = False) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if kill:
            proc.kill()
        try:
            proc.stdin.close()  # a worker's loop ends with its input
        except BrokenPipeError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


# ---------------------------------------------------------------------------
# the comparison


def classify(side: str, got: list, rez: list) -> str:
    """The class of one side's outcome against rez's."""
    if got == ["skipped"]:
        return "skipped"
    status, oracle = got[0], rez[0]
    if got == rez or (side != "fast" and status == "error" and oracle == "raised"):
        return "identical"
    if status == oracle:
        return "different_resolve" if status == "solved" else "different_exception"
    return f"{'fast' if side == 'fast' else 'pyrer'}_{status}_rez_{oracle}"


@dataclass
class Result:
    """One case resolved every way: outcomes and messages by side (and ``rez``)."""

    case: Case
    outcomes: dict[str, list]  # rez and each side
    messages: dict[str, str]
    fast_path: str
    classes: dict[str, str] = field(init=False)  # each side's class

    def __post_init__(self) -> None:
        self.classes = {s: classify(s, self.outcomes[s], self.outcomes["rez"]) for s in SIDES}

    def violations(self) -> list[str]:
        return [s for s in SIDES if self.classes[s] not in ALLOWED[s]]

    def describe(self) -> str:
        """The case, and each side's outcome, class and message (to reproduce it)."""
        lines = [self.case.describe()]
        for side in ("rez",) + SIDES:
            cls = f" [{self.classes[side]}]" if side in self.classes else ""
            detail = " ".join(self.messages[side].split())[:300]
            lines.append(f"  {side}{cls}: {self.outcomes[side]}"
                         + (f" -- {detail}" if detail else ""))
        lines.append(f"  fast path: {self.fast_path}")
        return "\n".join(lines)


class Differential:
    """Runs cases through both workers; keeps the counts and the smallest examples.
    A context manager: the workers run until it exits."""

    KEPT = 5  # examples kept per differing class and side

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.workers = {kind: Worker(kind, scratch) for kind in ("stock", "fast")}
        self.counts: Counter[tuple[str, str]] = Counter()
        self.fast_paths: Counter[str] = Counter()
        self.examples: dict[tuple[str, str], list[Result]] = defaultdict(list)
        self.violations: list[Result] = []
        self.spellings: Counter[str] = Counter()  # per side: ephemerals spelled otherwise
        self.cases = self.alpha_cases = self.resolved = 0
        self.started = time.perf_counter()
        self.finished: Optional[float] = None

    def __enter__(self) -> Differential:
        return self

    def __exit__(self, *exc: Any) -> None:
        for w in self.workers.values():
            w.close()

    @property
    def seconds(self) -> float:
        """Wall time of ``sample``, generating the cases included."""
        return (self.finished or time.perf_counter()) - self.started

    def sample(self, count: int, seed: int,
               progress: Optional[Callable[[Differential], None]] = None) -> None:
        """Runs ``count`` generated cases (``progress`` is called after each)."""
        self.started = time.perf_counter()

        def visit(case: Case) -> None:
            self.run(case)
            if progress is not None:
                progress(self)

        generate(count, seed, visit)
        self.finished = time.perf_counter()

    def run(self, case: Case) -> Result:
        """Resolves ``case`` every way and counts it."""
        result = self.resolve(case)
        self._count(result)
        return result

    def resolve(self, case: Case) -> Result:
        """Resolves ``case`` every way (not counted)."""
        self.resolved += 1
        root = self.scratch / f"case-{self.resolved}"  # a new root: rez caches by path
        root.mkdir()
        case.write(root)
        job = {"root": str(root), "request": case.request, "implicit": case.implicit,
               "packages": [[p.name, p.version, p.requires, p.variants] for p in case.packages]}
        for w in self.workers.values():
            w.send(job)
        replies = {kind: w.receive() for kind, w in self.workers.items()}
        shutil.rmtree(root)
        return self._result(case, replies)

    def minimize(self, result: Result, side: str) -> Result:
        """A smallest case reduced from ``result``'s that ``side`` still classifies alike,
        for the same reason (greedy: drop what the difference survives without)."""
        wanted = _signature(result, side)
        smaller = True
        while smaller:
            smaller = False
            for case in reductions(result.case):
                candidate = self.resolve(case)
                if _signature(candidate, side) == wanted:
                    result, smaller = candidate, True
                    break
        return result

    def _result(self, case: Case, replies: dict[str, Optional[dict]]) -> Result:
        outcomes, messages = {}, {}
        for kind, sides in (("stock", ("rez",)), ("fast", SIDES)):
            reply = replies[kind] or {}
            for side in sides:
                outcome, message = reply.get(side) or (
                    ["crashed"], f"the {kind} worker died or hung; see {self.workers[kind].log}")
                outcomes[side], messages[side] = outcome, message
        fast_path = (replies["fast"] or {}).get("fast_path", "unknown")
        return Result(case, outcomes, messages, fast_path)

    def _count(self, result: Result) -> None:
        self.cases += 1
        self.alpha_cases += result.case.alpha
        self.fast_paths[result.fast_path] += 1
        for side, cls in result.classes.items():
            self.spellings[side] += result.messages[side].startswith(SPELLING)
            label = f"alpha:{cls}" if result.case.alpha else cls
            self.counts[side, label] += 1
            if cls not in ("identical", "skipped"):
                self._keep(self.examples[side, label], result)
        if result.violations():
            self.violations.append(result)

    def _keep(self, kept: list[Result], result: Result) -> None:
        """Keeps the KEPT smallest distinct cases (hypothesis may repeat a case)."""
        if result.case not in [r.case for r in kept]:
            kept.append(result)
            kept.sort(key=lambda r: r.case.size())
            del kept[self.KEPT:]

    # -- reports

    def table(self) -> list[str]:
        """The summary: outcome classes per side, and what answered the fast path."""
        labels = sorted({label for _, label in self.counts},
                        key=lambda s: (s.startswith("alpha:"), s != "identical", s))
        lines = [f"{self.cases} cases ({self.alpha_cases} with alphabetic version tokens, "
                 f"classes alpha:...) in {self.seconds:.1f} s",
                 "", "| class | " + " | ".join(SIDES) + " |", "|---|" + "---|" * len(SIDES)]
        for label in labels:
            marks = [f"{self.counts[s, label]}{'' if _allowed(s, label) else ' (!)'}"
                     if self.counts[s, label] else "" for s in SIDES]
            lines.append(f"| {label} | " + " | ".join(marks) + " |")
        paths = ", ".join(f"{k}: {n}" for k, n in sorted(self.fast_paths.items(),
                                                          key=lambda kv: -kv[1]))
        spelled = ", ".join(f"{s} {n}" for s, n in self.spellings.items() if n) or "none"
        lines += ["", f"- fast path (PYRER_REZ_SOLVER=1): {paths}",
                  f"- (!): not allowed; {len(self.violations)} cases have one",
                  "- resolved ephemerals compared as rez spells them; pyrer.solve spelled "
                  f"them otherwise in: {spelled}"]
        return lines

    def report_examples(self, per_class: int) -> list[str]:
        """Up to ``per_class`` examples of every differing class and side, minimized."""
        lines = []
        for (side, label), results in sorted(self.examples.items()):
            lines.append(f"== {side}: {label} ({self.counts[side, label]} cases)")
            lines += self._minimized(results, side, per_class)
        return lines

    def _minimized(self, results: list[Result], side: str, count: int) -> list[str]:
        """The descriptions of up to ``count`` distinct minimized ``results``."""
        shown: list[Case] = []
        lines = []
        for result in results:
            small = self.minimize(result, side)
            if small.case not in shown and len(shown) < count:
                shown.append(small.case)
                lines += [small.describe(), ""]
        return lines

    def failure_message(self, shown: int = 5) -> str:
        """Up to ``shown`` cases that broke the rules, minimized, and the summary."""
        smallest = sorted(self.violations, key=lambda r: r.case.size())[:2 * shown]
        lines = [f"{len(self.violations)} of {self.cases} cases differ from rez beyond the "
                 "allowed differences; some, minimized:", ""]
        for side in SIDES:
            failing = [r for r in smallest if side in r.violations()]
            lines += self._minimized(failing, side, shown)
        return "\n".join(lines + self.table())


def _allowed(side: str, label: str) -> bool:
    return label.removeprefix("alpha:") in ALLOWED[side]


def _signature(result: Result, side: str) -> tuple:
    """What a reduced case must keep: ``side``'s class, rez's status (and exception), and
    the first words of ``side``'s message (the kind of difference, not its details)."""
    rez = result.outcomes["rez"]
    reason = re.match(r"[A-Za-z ]*", result.messages[side]).group().strip()
    return result.classes[side], tuple(rez[:2] if rez[0] == "raised" else rez[:1]), reason


def reductions(case: Case) -> Iterator[Case]:
    """Cases one step smaller than ``case``: without a family, a package, a request
    item, the unparsable directory, implicit packages, a requirement or a variant."""
    packages = case.packages
    for name in dict.fromkeys(p.name for p in packages):
        yield replace(case, packages=[p for p in packages if p.name != name])
    for i in range(len(packages)):
        yield replace(case, packages=packages[:i] + packages[i + 1:])
    if len(case.request) > 1:
        for i in range(len(case.request)):
            yield replace(case, request=case.request[:i] + case.request[i + 1:])
    if case.broken:
        yield replace(case, broken=[])
    if case.implicit:
        yield replace(case, implicit=False)
    for i, p in enumerate(packages):
        smaller = [replace(p, requires=p.requires[:j] + p.requires[j + 1:])
                   for j in range(len(p.requires))]
        smaller += [replace(p, variants=p.variants[:j] + p.variants[j + 1:])
                    for j in range(len(p.variants))]
        smaller += [replace(p, variants=p.variants[:j] + [v[:k] + v[k + 1:]] + p.variants[j + 1:])
                    for j, v in enumerate(p.variants) if len(v) > 1 for k in range(len(v))]
        for package in smaller:
            yield replace(case, packages=packages[:i] + [package] + packages[i + 1:])


# ---------------------------------------------------------------------------
# the command


def write_results(path: Path, diff: Differential, command: str) -> None:
    """Replaces (or appends) the section "Generative solve differential" of ``path``."""
    import platform

    import pyrer
    import rez

    body = "\n".join([
        BEGIN, "## Generative solve differential", "",
        f"Command: `{command}` ({datetime.date.today().isoformat()}; rez {rez.__version__}, "
        f"pyrer {pyrer.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs).", "",
        "Generated repositories and requests (`tests/solve_generative.py`), each resolved by "
        "stock rez's `ResolvedContext` (the oracle), `pyrer.solve` over `PackageData` "
        "(memory) and over the root (disk), and `ResolvedContext` with `PYRER_REZ_SOLVER=1` "
        "(fast). Cases per outcome class and side:", "",
        *diff.table(), END])
    text = path.read_text() if path.exists() else ""
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: body, text,
                      flags=re.S)
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + body + "\n"
    path.write_text(text)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=500, help="generated cases (default 500)")
    ap.add_argument("--seed", type=int, default=SEED,
                    help=f"hypothesis's seed (default {SEED}, the pytest sample's)")
    ap.add_argument("--examples", type=int, default=3,
                    help="minimized examples shown per differing class and side "
                         f"(default 3, at most {Differential.KEPT})")
    ap.add_argument("--write", type=Path, metavar="RESULTS_MD",
                    help='replace the section "Generative solve differential" of this file')
    ap.add_argument("--worker", choices=("stock", "fast"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0

    def progress(diff: Differential) -> None:
        if diff.cases % 100 == 0:
            print(f"{diff.cases} cases, {diff.seconds:.0f} s, {len(diff.violations)} "
                  "differing beyond the rules", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="solve-generative-") as scratch, \
            Differential(Path(scratch)) as diff:
        diff.sample(args.cases, args.seed, progress)
        print("\n".join(diff.report_examples(args.examples) + diff.table()))
    if args.write:
        written = os.path.relpath(args.write.resolve(), HERE.parents[1])
        command = (f".venv/bin/python tests/solve_generative.py --cases {args.cases} "
                   f"--seed {args.seed} --write {written}")
        write_results(args.write, diff, command)
    return 1 if diff.violations else 0


if __name__ == "__main__":
    sys.exit(main())
