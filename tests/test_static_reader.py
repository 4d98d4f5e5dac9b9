"""Differential test: the static package.py reader (crate pyrer-reader) against rez 3.4.0.

The ``read`` example prints, per ``ROOT/<family>/<version>/package.py``, what the
reader returns (``ours``: requires/variants, or null with a reason) and what
rer-package 1.0.0-rc.3's unguarded ``parse_static_package_py`` returns (``rc3``).
The reader reads with the grammar of the rez python's version (``--python X.Y``).
rez loads every file from the same root as a repository, in a subprocess of the
rez python. Wherever ``ours`` is not null, rez's load must succeed (package,
``validate_data``, variants) with ``pkg.name == family``,
``str(pkg.version) == version`` and the same requires/variants, string for
string (``PackageData.from_rez``). Run on the hand-written corpus
(tests/static_corpus, see its README) and on rez's benchmark repository (18226
files); coverage of both readers is printed in the summary.

Requirement strings and directory versions get their own differential: every
string the reader accepts must be one rez renders back to itself.

Environment:

* ``PYRER_READ_BIN``   prebuilt ``read`` example (else ``cargo build --release -p
  pyrer-reader --example read`` runs once per session);
* ``PYRER_REZ_PYTHON`` python with rez 3.4.0 (see tests/conftest.py);
* ``PYRER_CACHE_DIR``  where the benchmark repository is extracted (as in
  tests/conftest.py).
"""

from __future__ import annotations

import ast
import functools
import json
import os
import random
import subprocess
from pathlib import Path

import pytest

import harness


HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = HERE / "static_corpus"
TIMEOUT = 600
MAX_LISTED = 40
REZ_SHARDS = 2  # rez loads the benchmark in this many processes (the CI machine has 2 cores)

# title -> lines, printed in the terminal summary
SUMMARY: dict[str, list[str]] = {}


class _Summary:
    @staticmethod
    def pytest_terminal_summary(terminalreporter):
        for title, lines in SUMMARY.items():
            terminalreporter.section(title)
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="session", autouse=True)
def _report(request) -> None:
    """Registers the summary hook (a test module cannot define hooks itself)."""
    if not request.config.pluginmanager.has_plugin("static-reader-summary"):
        request.config.pluginmanager.register(_Summary(), "static-reader-summary")


# rez's side: one JSON line per package of each family of ROOT (shard i of n).
REZ_LOAD = r"""
import json, os, sys
from rez.packages import iter_packages
root, shard, shards = os.path.abspath(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
families = sorted(f for f in os.listdir(root) if os.path.isdir(os.path.join(root, f)))
for family in families[shard::shards]:
    try:
        packages = list(iter_packages(family, paths=[root]))
    except Exception as e:
        print(json.dumps({"family": family, "error": f"{type(e).__name__}: {e}"}))
        continue
    for pkg in packages:
        rec = {"family": family, "version": pkg.resource.get("version", "")}
        try:
            rec["name"] = pkg.name
            rec["pkg_version"] = str(pkg.version) if pkg.version else ""
            rec["requires"] = [str(r) for r in (pkg.requires or [])]
            rec["variants"] = [[str(r) for r in v] for v in (pkg.variants or [])]
            pkg.validate_data()
            for variant in pkg.iter_variants():
                variant.requires, variant.subpath
        except Exception as e:
            rec["error"] = f"{type(e).__name__}: {e}"
        print(json.dumps(rec))
"""

# rez's side of the string differentials: one JSON string per stdin line.
REZ_STRINGS = r"""
import json, sys
from rez.utils.formatting import PackageRequest
from rez.version import Version
kind = sys.argv[1]
for line in sys.stdin:
    s = json.loads(line)
    try:
        out = {"s": s, "str": str(PackageRequest(s) if kind == "requirements" else Version(s))}
    except Exception as e:
        out = {"s": s, "error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out))
"""


def rez_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env["REZ_DISABLE_HOME_CONFIG"] = "1"
    return env


def json_lines(text: str) -> list:
    # split on \n only: str.splitlines also splits on U+2028, U+0085 and form feeds,
    # which JSON strings may hold unescaped
    return [json.loads(line) for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="session")
def read_bin() -> Path:
    return harness.example_bin("PYRER_READ_BIN", "pyrer-reader", "read")


@functools.lru_cache(maxsize=None)
def python_version(python: str) -> str:
    """`python`'s "X.Y": the reader reads files with the grammar of the python rez runs in."""
    out = subprocess.run([python, "-c", "import sys; print(sys.version_info[:2])"],
                         capture_output=True, text=True, env=rez_env(), timeout=120)
    assert out.returncode == 0, f"{python}: {out.stderr}"
    major, minor = ast.literal_eval(out.stdout.strip())
    return f"{major}.{minor}"


def run_reader(read_bin: Path, root: Path, rez_python: str) -> dict:
    proc = subprocess.run([str(read_bin), "--python", python_version(rez_python), str(root)],
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0 and not proc.stderr, f"read {root}: {proc.stderr}"
    return {(r["family"], r["version"]): r for r in json_lines(proc.stdout)}


def run_rez(rez_python: str, root: Path, shards: int) -> dict:
    """(family, version) -> rez's record; a family rez cannot list fails all its files."""
    procs = [subprocess.Popen([rez_python, "-c", REZ_LOAD, str(root), str(i), str(shards)],
                              env=rez_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(shards)]
    records, family_errors = {}, {}
    for proc in procs:
        out, err = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 0, f"rez load of {root} exited {proc.returncode}:\n{err}"
        for rec in json_lines(out):
            if "version" in rec:
                records[(rec["family"], rec["version"])] = rec
            else:
                family_errors[rec["family"]] = rec["error"]
    return {"packages": records, "family_errors": family_errors}


def rez_says(rez: dict, family: str, version: str):
    """rez's (name, version, requires, variants) of the file, or the reason its load failed."""
    if family in rez["family_errors"]:
        return None, rez["family_errors"][family]
    rec = rez["packages"].get((family, version))
    if rec is None:
        return None, "rez does not list this package"
    if "error" in rec:
        return None, rec["error"]
    return (rec["name"], rec["pkg_version"], rec["requires"], rec["variants"]), None


def divergences(reader: dict, rez: dict, side: str) -> list[str]:
    """Files where `side` ("ours" or "rc3") gives a value that is not rez's."""
    found = []
    for (family, version), rec in sorted(reader.items()):
        value = rec[side]
        if value is None:
            continue
        # ours is only valid for this directory; rc3 names its own package
        name, ver = (family, version) if side == "ours" else (value["name"], value["version"])
        claimed = (name, ver, value["requires"], value["variants"])
        actual, error = rez_says(rez, family, version)
        if error is not None:
            first_line = error.splitlines()[0][:160] if error else ""
            found.append(f"{rec['path']}: {side} read {claimed[2:]}, rez's load fails: "
                         f"{first_line}")
        elif claimed != actual or (family, version) != actual[:2]:
            found.append(f"{rec['path']}: {side} read {claimed}, rez loads {actual}")
    return found


def coverage(reader: dict, side: str) -> str:
    read = sum(rec[side] is not None for rec in reader.values())
    return f"{read}/{len(reader)} ({100.0 * read / max(len(reader), 1):.2f}%)"


def report(title: str, reader: dict, ours_bad: list, rc3_bad: list) -> None:
    SUMMARY[f"static reader: {title}"] = [
        f"files: {len(reader)}",
        f"read statically by ours: {coverage(reader, 'ours')}, divergences from rez: "
        f"{len(ours_bad)}",
        f"read statically by rer-package 1.0.0-rc.3: {coverage(reader, 'rc3')}, "
        f"divergences from rez: {len(rc3_bad)}",
        *[f"  rc3: {line}" for line in rc3_bad[:MAX_LISTED]],
    ]


def assert_no_divergence(label: str, bad: list) -> None:
    assert not bad, f"[{label}] the static reader differs from rez in {len(bad)} files:\n" + \
        "\n".join(bad[:MAX_LISTED])


# ---------------------------------------------------------------------------
# the corpus


@pytest.fixture(scope="session")
def corpus(read_bin, rez_python):
    return run_reader(read_bin, CORPUS, rez_python), run_rez(rez_python, CORPUS, 1)


def test_corpus_matches_rez(corpus):
    reader, rez = corpus
    ours_bad, rc3_bad = divergences(reader, rez, "ours"), divergences(reader, rez, "rc3")
    report("corpus (tests/static_corpus)", reader, ours_bad, rc3_bad)
    assert len(reader) >= 250, len(reader)
    assert_no_divergence("corpus", ours_bad)
    # the corpus has teeth: rer-package alone gets some of it wrong
    assert rc3_bad, "rer-package 1.0.0-rc.3 matches rez on the whole corpus"


def test_corpus_expectations(corpus):
    """`ok_*` families must be read statically, all others refused (see the corpus README)."""
    reader, _ = corpus
    wrong = [f"{fam}: {'read' if rec['ours'] is not None else rec['reason']}"
             for (fam, _), rec in sorted(reader.items())
             if (rec["ours"] is not None) != fam.startswith("ok_")]
    assert not wrong, "corpus cases with an unexpected outcome:\n" + "\n".join(wrong)


def _copy(reader: dict) -> dict:
    return {key: json.loads(json.dumps(rec)) for key, rec in reader.items()}


def test_comparison_detects_an_injected_difference(corpus):
    reader, rez = corpus
    # divergences the corpus already has (test_corpus_matches_rez reports them) are
    # left out, so that this test checks the comparison alone
    known = set(divergences(reader, rez, "ours"))
    agreed = {k for k, rec in reader.items() if rec["ours"] is not None
              and not any(line.startswith(rec["path"] + ":") for line in known)}
    key = min(agreed)
    path = reader[key]["path"]
    for mutate in (lambda v: v["requires"].append("injected-1"),
                   lambda v: v["variants"].append(["injected"]),
                   lambda v: v.__setitem__("requires", v["requires"][::-1] + ["x"])):
        changed = _copy(reader)
        mutate(changed[key]["ours"])
        found = [line for line in divergences(changed, rez, "ours") if line not in known]
        assert len(found) == 1 and found[0].startswith(path), found
    # a file rez cannot load, claimed as read
    failing = min(k for k in reader
                  if reader[k]["ours"] is None and rez_says(rez, *k)[1] is not None)
    changed = _copy(reader)
    changed[failing]["ours"] = {"requires": [], "variants": []}
    found = [line for line in divergences(changed, rez, "ours") if line not in known]
    assert len(found) == 1 and "rez's load fails" in found[0], found
    # rc3 naming another package than its directory
    changed = _copy(reader)
    changed[key]["rc3"] = dict(changed[key]["ours"], name="other", version=key[1])
    assert any(line.startswith(path) for line in divergences(changed, rez, "rc3"))


# ---------------------------------------------------------------------------
# rez's benchmark repository


def test_benchmark_matches_rez(read_bin, rez_python, bench_repo):
    reader = run_reader(read_bin, bench_repo, rez_python)
    rez = run_rez(rez_python, bench_repo, REZ_SHARDS)
    assert len(reader) == 18226, len(reader)
    assert len(rez["packages"]) == 18226 and not rez["family_errors"]
    ours_bad, rc3_bad = divergences(reader, rez, "ours"), divergences(reader, rez, "rc3")
    report("benchmark repository", reader, ours_bad, rc3_bad)
    assert_no_divergence("benchmark", ours_bad)
    # nearly every benchmark file is plain literals: the reader must read them
    read = sum(rec["ours"] is not None for rec in reader.values())
    assert read >= 0.99 * len(reader), coverage(reader, "ours")


# ---------------------------------------------------------------------------
# requirement strings and versions


@pytest.fixture(scope="session")
def benchmark_strings(bench_repo) -> tuple[set, set]:
    """The distinct requirement strings and directory versions of the benchmark."""
    requirements, versions = set(), set()
    for path in bench_repo.glob("*/*/package.py"):
        versions.add(path.parent.name)
        for node in ast.parse(path.read_bytes()).body:
            if isinstance(node, ast.Assign) and node.targets[0].id in ("requires", "variants"):
                for const in ast.walk(node.value):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        requirements.add(const.value)
    return requirements, versions


VERSION_PIECES = {
    # tokens on which rer's and rez's version orders agree
    "safe": ["0", "1", "2", "3", "9", "10", "01", "007", "a", "b", "z", "_", "a1", "1a", "beta",
             "rc2", "x86_64", "2020", "m1", "_1", "1_", "alpha", "12345678901234567",
             "123456789012345678"],
    # and on which they may not (case, long numbers)
    "risky": ["A", "Z", "Ubuntu", "CentOS", "ALPHA", "Beta", "1234567890123456789",
              "99999999999999999999"],
}


def version_strings(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        pieces = VERSION_PIECES["safe" if rng.random() < 0.7 else "risky"] + \
            VERSION_PIECES["safe"]
        tokens = [rng.choice(pieces) for _ in range(rng.choice([1, 1, 2, 2, 3, 4]))]
        seps = [rng.choice(".....-") for _ in tokens[1:]]
        out.append(tokens[0] + "".join(s + t for s, t in zip(seps, tokens[1:])))
    return out


def requirement_strings(rng: random.Random, n: int) -> list[str]:
    """Requirement strings of many shapes, valid and not, canonical and not."""
    names = ["foo", "foo.bar", "Foo_1", "_x", "a", "ATM", "x.y.z", "0", "__init__"]
    bad_names = ["foo.", ".foo", "a..b", "", "foo bar", "caf\u00e9", "__pycache__", "foo/bar"]
    prefixes = ["", "", "", "!", "~"]
    bad_prefixes = [".", "!!", "~!", " ", "-"]
    shapes = ["{v}", "{v}+", ">{v}", ">={v}", "<{v}", "<={v}", "=={v}", "{v}..{w}",
              "{v}+<{w}", "{v}+<={w}", ">{v}<{w}", ">={v}<{w}", ">{v}<={w}"]
    odd_shapes = ["<={w},{v}+", "{v}+,<{w}", "..{w}", "{v}..", "==", "+", "", "<", "{v}|",
                  "{v} ", "{v}+<{w}+", "{v},{w}", "{v}+<{w}|", "|{v}"]

    def bound() -> str:
        v, w = version_strings(rng, 2)
        if rng.random() < 0.5:  # a second version near the first: overlaps and equal bounds
            w = rng.choice([v, v + ".1", v + "_", v + ".0", v + "-1", w])
        shape = rng.choice(shapes if rng.random() < 0.85 else odd_shapes)
        return shape.format(v=v, w=w)

    def ascending() -> str:
        # bounds over increasing versions: mostly canonical unions (sorted, disjoint)
        points = sorted(rng.sample(range(1, 30), rng.randint(2, 8)))
        dotted = rng.random() < 0.5
        points = [f"{p // 10}.{p % 10}" if dotted else str(p) for p in points]
        parts = []
        for a, b in zip(points[::2], points[1::2]):
            parts.append(rng.choice(shapes).format(v=a, w=b))
        return "|".join(parts)

    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.05:  # raw noise over the syntax's alphabet
            out.append("".join(rng.choice("fo1.-+<>=|~!@#,_ A") for _ in range(rng.randint(1, 12))))
            continue
        if roll < 0.3:
            range_ = ascending()
        else:
            range_ = "|".join(bound() for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])))
        sep = rng.choice(["-", "-", "-", "-", "@", "#", "", "--"])
        if not sep and range_[:1] not in ("<", ">", "="):
            # glued to the name: keep it short, rez's name regex backtracks
            # exponentially on long invalid names
            range_ = rng.choice(["1", "1.0", "a", "1+", "1|2", "1.a_"])
        name = rng.choice(names) if rng.random() < 0.9 else rng.choice(bad_names)
        prefix = rng.choice(prefixes) if rng.random() < 0.9 else rng.choice(bad_prefixes)
        out.append(prefix + name + (sep + range_ if range_ else rng.choice(["", "-"])))
    return out


def check_strings(read_bin: Path, rez_python: str, kind: str, strings: list[str]):
    """(reader's records, rez's records), aligned with `strings`."""
    stdin = "".join(json.dumps(s) + "\n" for s in strings)
    ours = subprocess.run([str(read_bin), f"--{kind}"], input=stdin, capture_output=True,
                          text=True, timeout=TIMEOUT)
    # stderr must be empty: rer's panics on invalid strings are caught silently
    assert ours.returncode == 0 and not ours.stderr, ours.stderr[-4000:]
    rez = subprocess.run([rez_python, "-c", REZ_STRINGS, kind], input=stdin, env=rez_env(),
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert rez.returncode == 0, rez.stderr[-4000:]
    ours_records, rez_records = json_lines(ours.stdout), json_lines(rez.stdout)
    assert [r["s"] for r in ours_records] == strings == [r["s"] for r in rez_records]
    return ours_records, rez_records


def string_divergences(ours: list, rez: list) -> list[str]:
    return [f"{o['s']!r}: accepted, rez gives {r.get('str', r.get('error'))!r}"
            for o, r in zip(ours, rez) if o["ok"] and r.get("str") != o["s"]]


def string_report(title: str, ours: list, rez: list, bad: list) -> list[str]:
    fixed = sum(r.get("str") == r["s"] for r in rez)
    accepted = sum(o["ok"] for o in ours)
    return [f"{title}: {len(ours)} strings, {fixed} rendered unchanged by rez, "
            f"{accepted} accepted by the reader, {len(bad)} accepted but changed or refused by rez"]


def test_requirement_strings_match_rez(read_bin, rez_python, benchmark_strings):
    bench_requirements, _ = benchmark_strings
    rng = random.Random(20240917)
    fuzz = requirement_strings(rng, 4000)
    ours, rez = check_strings(read_bin, rez_python, "requirements", fuzz)
    # second round: rer's renderings are exactly the strings that can round-trip
    rendered = sorted({o["rendered"] for o in ours if o["rendered"] is not None} - set(fuzz))
    strings = sorted(bench_requirements) + fuzz + rendered
    ours, rez = check_strings(read_bin, rez_python, "requirements", strings)
    bad = string_divergences(ours, rez)
    n_bench = len(bench_requirements)
    lines = string_report("benchmark requirements", ours[:n_bench], rez[:n_bench],
                          string_divergences(ours[:n_bench], rez[:n_bench]))
    lines += string_report("fuzzed requirements", ours[n_bench:], rez[n_bench:],
                           string_divergences(ours[n_bench:], rez[n_bench:]))
    SUMMARY.setdefault("static reader: strings", []).extend(lines)
    assert not bad, f"{len(bad)} requirement strings accepted where rez renders " \
        f"differently:\n" + "\n".join(bad[:MAX_LISTED])
    # the benchmark's strings are all canonical; nearly all must be accepted
    assert sum(o["ok"] for o in ours[:n_bench]) >= 0.95 * n_bench
    # the fuzz must exercise both outcomes of the check
    accepted = sum(o["ok"] for o in ours[n_bench:])
    assert 200 < accepted < len(ours) - n_bench - 200, accepted


def test_versions_match_rez(read_bin, rez_python, benchmark_strings):
    _, bench_versions = benchmark_strings
    fuzz = version_strings(random.Random(7), 2000) + ["", "1.", ".1", "1..2", "1+2", "1 2",
                                                      "-1", "1-", "v1/2", "\u00e91"]
    strings = sorted(bench_versions) + fuzz
    ours, rez = check_strings(read_bin, rez_python, "versions", strings)
    bad = string_divergences(ours, rez)
    SUMMARY.setdefault("static reader: strings", []).extend(
        string_report("versions (benchmark directories and fuzzed)", ours, rez, bad))
    assert not bad, f"{len(bad)} versions accepted where rez renders differently:\n" + \
        "\n".join(bad[:MAX_LISTED])
    assert all(o["ok"] for o in ours[:len(bench_versions)])
