"""The requirement strings pyrer hands rer's solver, against rez 3.4.0's reading of them.

rer-version 1.0.0-rc.3 misreads some range forms (``foo>1``, ``foo-1+<=2``) and panics on
others rez accepts (``foo>``). pyrer rewrites every requirement string into a form rer
reads as rez does (``pyrer_reader::rer_requirement``; the ``read --rer-form`` example
prints the form and rer's membership of sample versions). Here, over generated strings
covering every alternative of rez's range grammar:

* where rez (``PackageRequest``, as rez parses requests and package requirements)
  raises, ours is an error too; where rez parses, ours gives a form, except a range
  that holds only the empty version (an unversioned package, which rer cannot hold),
  which must then contain no sample version in rez either;
* for every sample version, rez's ``version in range`` equals rer's on our form.

The sample versions are dot-separated numeric and lower-case tokens: the versions on
which rez's order and rer's agree (rer orders upper case, ``_`` and the ``-``
separator differently; the README lists that difference).
"""

from __future__ import annotations

import json
import random
import subprocess

import pytest

import harness

rez_version = pytest.importorskip("rez.version")
from rez.utils.formatting import PackageRequest  # noqa: E402

CASES = 15000
SEED = 20261205
VERSIONS = ["0", "0.9", "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2.3", "1.5", "1.10", "2",
            "2.0", "2.0.1", "3", "10", "1.a", "1.0.b", "1.alpha", "2.beta1", "1.0.0.1",
            "0.0.1", "4.2", "99"]
OPS_LOWER = [">", ">=", ""]
OPS_UPPER = ["<", "<="]


def bound(rng: random.Random) -> str:
    return rng.choice(VERSIONS + [""] * 2)


def part(rng: random.Random) -> str:
    """One |-part over every alternative of rez's range grammar, sometimes malformed."""
    a, b = bound(rng), bound(rng)
    form = rng.randrange(12)
    if form == 0:
        return a
    if form == 1:
        return "==" + a
    if form == 2:
        return f"{a}..{b}"
    if form == 3:
        return rng.choice([">", ">="]) + a
    if form == 4:
        return a + "+"
    if form == 5:
        return rng.choice(OPS_UPPER) + a
    if form == 6:  # ascending
        lower = rng.choice(OPS_LOWER) + a + rng.choice(["", "+"])
        return lower + rng.choice(["", ","]) + rng.choice(OPS_UPPER) + b
    if form == 7:  # descending
        upper = rng.choice(["", "<", "<="]) + b + rng.choice(["", "+"])
        return upper + rng.choice([",", ""]) + rng.choice([">", ">=", "<"]) + a
    if form == 8:
        return ""
    if form == 9:  # a stray character or a dangling separator
        return rng.choice(["1.", ".1", "1..2..3", "<", ">>1", "1-+", "=1", "1=="])
    return rng.choice([">", ">=", "<=", "==", "+", ".."])


def requirement(rng: random.Random) -> str:
    prefix = rng.choice(["", "", "", "~", "!", "."])
    name = rng.choice(["foo", "foo_bar", "a.b", "", "b-c", "x y"]) if rng.random() < 0.1 \
        else "foo"
    sep = rng.choice(["-", "-", "", "@", "#"])
    rng_parts = [part(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    return f"{prefix}{name}{sep}{'|'.join(rng_parts)}"


def rez_reading(s: str):
    """(error, [version in range]) by rez; the range only for a plain requirement."""
    try:
        req = PackageRequest(s)
    except Exception as err:  # rez's error is all that matters
        return f"{type(err).__name__}: {err}", None
    if s[:1] in ("~", "!") or s.startswith("."):
        return None, None
    return None, [rez_version.Version(v) in req.range for v in VERSIONS]


@pytest.fixture(scope="session")
def read_bin():
    return harness.example_bin("PYRER_READ_BIN", "pyrer-reader", "read")


def ours(read_bin, strings: list[str]) -> list[dict]:
    lines = "".join(json.dumps({"s": s, "versions": VERSIONS}) + "\n" for s in strings)
    proc = subprocess.run([str(read_bin), "--rer-form"], input=lines, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_rer_forms_read_as_rez_reads_the_strings(read_bin):
    rng = random.Random(SEED)
    strings = sorted({requirement(rng) for _ in range(CASES)})
    strings += ["foo>1", "foo-1+<=2", "foo>1<=2", "foo-<=2,>1", "foo>", "foo==", "~", "!",
                "!.eph", ".eph-1", "foo-3+<2", "foo-1..", "foo-..", "foo-|1"]
    differences, kinds = [], {"error": 0, "empty version only": 0, "ranges compared": 0}
    for rec in ours(read_bin, strings):
        s = rec["s"]
        rez_error, rez_contains = rez_reading(s)
        if rec["error"] is not None and "asks for the empty version" in rec["error"]:
            kinds["empty version only"] += 1
            if rez_error is not None or (rez_contains and any(rez_contains)):
                differences.append(f"{s!r}: ours {rec['error']}, rez {rez_error or rez_contains}")
            continue
        if (rec["error"] is None) != (rez_error is None):
            differences.append(f"{s!r}: ours {rec['error'] or rec['form']}, rez {rez_error}")
            continue
        if rez_error is not None:
            kinds["error"] += 1
            continue
        if rez_contains is not None:
            kinds["ranges compared"] += 1
            if rec["contains"] != rez_contains:
                wrong = [v for v, a, b in zip(VERSIONS, rec["contains"], rez_contains) if a != b]
                differences.append(f"{s!r} -> {rec['form']!r}: membership differs on {wrong}")
    print(f"\nrer forms: {len(strings)} strings, {kinds}")
    assert kinds["ranges compared"] > 1000 and kinds["error"] > 100
    assert not differences, f"{len(differences)} differences:\n" + "\n".join(differences[:40])
