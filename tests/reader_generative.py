"""A generative differential of the static package.py reader (crate pyrer-reader)
against rez 3.4.0's own load of the file.

Hypothesis writes package files over the space the reader handles and its traps:

* module statements: literal assignments (chained ones too), docstrings, ``pass``,
  ``def``s with and without parameters, defaults and annotations (literal and not),
  code attributes (``commands``, ``pre_commands``, ...), ``preprocess``, helpers,
  functions named for data keys, ``@early``/``@late`` decorated ones,
  ``with scope('config') as config:`` blocks with nested attribute paths (and prefix
  conflicts across blocks), imports (``import os``, ``from rez.utils.lint_helper
  import ...``, others), module-level ``if``/``try``, ``late = globals()['late']``;
* literal values: every string prefix and quote, escapes (``\\x``, ``\\u``, ``\\U``,
  ``\\N{..}``, octal, invalid ones, lone surrogates), implicit concatenation, triple
  quotes, non-ASCII, ints (hex, underscored, huge), floats, bools, ``None``,
  containers, unary minus;
* function bodies rez compiles but never runs: valid ones, and ones with CPython
  compile-time errors (``break`` outside a loop, repeated keyword arguments,
  ``global`` after use, starred assignments, a bare ``except`` not last, f-string
  conversions and nested specs, nested functions, lambdas, ``yield``, ``await``,
  blocks nested too deep, ...);
* rez's schema keys with right and wrong types (``requires``/``variants`` with valid
  and invalid requirement strings, ``timestamp``, ``hashed_variants``, ``help``,
  ``tests``, ``commands`` as str or list, ``config``, ``format_version``, ...);
* text forms: BOM, coding declarations (non-UTF-8 ones too), CRLF, lone CR, tab and
  space indentation, no final newline, trailing comments, control bytes;
* identity: the file's ``name``/``version`` against its directories, version
  directories such as ``1.0``, ``1.0-beta``, ``1..0``, and old-format release data
  beside a file without ``timestamp``.

A file is generated in one of three modes: ``clean`` (only constructs the reader
reads), ``trap`` (a clean file with one trap of one category, ``TRAPS``) or ``chaos``
(traps anywhere). Every file is written to ``ROOT/<family>/<version>/package.py`` of a
temporary repository (one family and version per file), read by the reader (the
``read`` example, with ``--python X.Y`` of rez's python) and loaded by rez
(``iter_packages``, ``validate_data``, each variant; the helpers of
tests/test_static_reader.py). A **divergence** is a file the reader reads where rez's
load fails or gives other values (a release blocker). Each one is confirmed by rez
loading the file alone in a new process (a file can change what rez makes of the
files loaded after it), minimised (lines dropped while the same divergence stays) and
shown with the file's text. Divergences found so far, minimised by hand, are in
tests/reader_generative_found/.

A case draws its choices from one `random.Random` seeded by hypothesis (see `Gen`):
the same seed gives the same files, in a script as under pytest.

``tests/test_reader_generative.py`` runs a fixed-seed sample. Long runs:

    .venv/bin/python tests/reader_generative.py --cases 5000 --seed 7

Environment: ``PYRER_READ_BIN`` (a prebuilt ``read`` example; else cargo builds it),
``PYRER_REZ_PYTHON`` (a python with rez 3.4.0; else ``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Optional

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # harness and test_static_reader, when run as a script

import harness  # noqa: E402
import test_static_reader as tsr  # noqa: E402

SEED = 20250612  # the pytest sample's seed, and --seed's default
REZ_SHARDS = 2  # rez loads in this many processes (the CI machine has 2 cores)
FAMILY, VERSION = "@@FAMILY@@", "@@VERSION@@"  # the directories' names, set when written
MODES = (("clean", 45), ("trap", 45), ("chaos", 10))


# ---------------------------------------------------------------------------
# drawing


class Gen:
    """The choices of one case, and what the case has used so far.

    A case draws 16 bytes from hypothesis and makes its choices with a
    `random.Random` seeded by them. Drawing each choice from hypothesis instead would
    let its mutator (which follows every new example with up to five copies whose
    draws of one kind are copied between places) make most cases near-copies of a
    few, and skew every distribution below. Bytes, not an int: hypothesis replaces
    some draws of ints (floats, strings) with constants found in the source of the
    modules loaded, which differ between a script and pytest; it has no bytes
    constants of its own, and no loaded module has a 16-byte literal.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tags: set[str] = set()
        # scope name -> attribute paths set in earlier blocks (conflicts across blocks)
        self.scope_paths: dict[str, list[tuple]] = defaultdict(list)
        self.indent_style = "4"

    def int(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def chance(self, percent: int) -> bool:
        return self.int(0, 99) < percent

    def pick(self, seq: Any) -> Any:
        return seq[self.int(0, len(seq) - 1)]

    def weighted(self, *table: tuple) -> Any:
        total = sum(w for w, _ in table)
        n = self.int(0, total - 1)
        for w, item in table:
            if n < w:
                return item
            n -= w
        raise AssertionError("unreachable")

    def tag(self, *tags: str) -> None:
        self.tags.update(tags)


class Src(str):
    """Source text, written as it is (where a value would be rendered)."""


# ---------------------------------------------------------------------------
# literal values, rendered as source with every spelling Python has


PLAIN_TEXT = [
    "", "a", "hello world", 'a "quoted" word', "it's", "back\\slash", "tab\there",
    "line1\nline2", "caf\u00e9", "\u4e2d\u6587", "\U0001f389 party", "{root}/bin", "%s %d",
    "trailing backslash\\", "'", '"', "''' \"\"\"", "nul\x00", "del\x7f", "bell\x07",
    "sep\u2028x", "nel\x85x", "bom\ufeffx", "nbsp\u00a0x", "form\x0cfeed", "cr\rx\r\n",
    "A tool.\n\n    Indented second paragraph.\n", "  padded  ", "x" * 120,
]
# texts that may stand where rez parses a requirement: rez's requirement regex
# backtracks exponentially on a long invalid name (minutes at 100 characters)
SHORT_TEXT = [t for t in PLAIN_TEXT if len(t) < 30]
DOCS = ['"""A package."""', "'''\nMulti-line\n  doc.\n'''", "'doc'", 'r"""raw \\d doc"""',
        "u'doc'", '"""doc with "quotes" and \\\\ backslash"""']


def _raw_ok(value: str, quote: str) -> bool:
    triple = len(quote) == 3
    bad = any((c < " " and c not in "\t" + ("\n" if triple else "")) or c == "\x7f"
              for c in value)
    return not bad and quote[0] not in value and not value.endswith("\\") and \
        "\r" not in value


def _escape(g: Gen, c: str) -> str:
    o = ord(c)
    forms = []
    if o < 256:
        forms += ["\\x%02x" % o, "\\x%02X" % o, "\\%03o" % o]
    if o < 0x10000:
        forms += ["\\u%04x" % o, "\\u%04X" % o]
    forms.append("\\U%08x" % o)
    return g.pick(forms)


def str_part(g: Gen, value: str, escapy: bool, trap: bool) -> str:
    """One string literal of `value` (a trap where `trap`: may not be `value` at all)."""
    quote = g.weighted((5, "'"), (5, '"'), (1, "'''"), (1, '"""'))
    triple = len(quote) == 3
    prefix = g.weighted((14, ""), (1, "u"), (1, "U"), (2, "r"), (1, "R"))
    raw = prefix in ("r", "R")
    if raw and not _raw_ok(value, quote):
        prefix, raw = "", False
    if raw:
        g.tag("str:raw")
        return prefix + quote + value + quote
    out = []
    for c in value:
        if c == "\\":
            out.append("\\\\")
        elif c == quote[0]:
            out.append("\\" + c)
        elif c == "\n":
            out.append("\n" if triple and g.chance(60) else "\\n")
        elif c == "\t":
            out.append("\t" if g.chance(30) else "\\t")
        elif c == "\r":
            out.append("\\r")
        elif c < " " or c == "\x7f":
            out.append(g.pick(["\\x%02x" % ord(c), "\\%03o" % ord(c)]))
        elif escapy and g.chance(25):
            out.append(_escape(g, c))
            g.tag("str:escape")
        else:
            out.append(c)
    if len(out) > 1 and g.chance(6):  # a backslash-newline inside the literal
        at = g.int(1, len(out) - 1)
        out.insert(at, "\\\n")
        g.tag("str:continuation")
    if trap:
        out, prefix = _trap_string(g, out, prefix, quote)
    if triple:
        g.tag("str:triple")
    if prefix:
        g.tag(f"str:prefix:{prefix.lower()}")
    return prefix + quote + "".join(out) + quote


def _trap_string(g: Gen, out: list, prefix: str, quote: str) -> tuple[list, str]:
    """A string literal made a trap: a prefix, escape or raw character rez reads
    otherwise, or not at all."""
    kind = g.pick(["named", "named-bad", "surrogate", "bad-escape", "invalid-escape",
                   "octal-big", "prefix", "prefix-bad", "raw-control", "unterminated",
                   "fstring"])
    g.tag(f"str-trap:{kind}")
    at = g.int(0, len(out))
    insert = {
        "named": lambda: g.pick(["\\N{HYPHEN-MINUS}", "\\N{LATIN SMALL LETTER E WITH ACUTE}",
                                 "\\N{hyphen-minus}", "\\N{EM DASH}", "\\N{SPACE}"]),
        "named-bad": lambda: g.pick(["\\N{NO SUCH NAME}", "\\N{}", "\\N", "\\N{LATIN"]),
        "surrogate": lambda: g.pick(["\\ud800", "\\udfff", "\\U0000dc80", "\\ud83d\\ude00"]),
        "bad-escape": lambda: g.pick(["\\x4", "\\u12", "\\U1234", "\\U00110000", "\\xg0",
                                      "\\U0011ffff"]),
        "invalid-escape": lambda: g.pick(["\\d", "\\8", "\\9", "\\ ", "\\q", "\\/", "\\%"]),
        "octal-big": lambda: g.pick(["\\400", "\\777", "\\477", "\\0", "\\08", "\\1"]),
        "raw-control": lambda: g.pick(["\x0c", "\x0b", "\x00", "\x1b", "\x7f", "\r",
                                       "\u2028", "\x85", "\ufeff"]),
    }
    if kind in insert:
        out = out[:at] + [insert[kind]()] + out[at:]
    elif kind == "prefix":
        prefix = g.pick(["b", "B", "br", "rb", "Rb", "bR", "f", "F", "fr", "rf", "Fr", "rF"])
    elif kind == "prefix-bad":
        prefix = g.pick(["ur", "bu", "ub", "fb", "bf", "uf", "rr", "Ur", "t"])
    elif kind == "unterminated":
        out = out + [quote[0] if len(quote) == 3 else "\\"]
    elif kind == "fstring":
        prefix = g.pick(["f", "rf", "F"])
        out = out[:at] + [g.pick(["{1}", "{x}", "{'a'}", "{{", "}}", "{1!r}", "{1:>3}", "{"])] \
            + out[at:]
    return out, prefix


def str_src(g: Gen, value: str, escapy: Optional[bool] = None, trap: bool = False) -> str:
    """`value` as source: one literal, or an implicit concatenation of several."""
    if escapy is None:
        escapy = g.chance(20)
    parts = [value]
    if len(value) > 1 and g.chance(12):
        cut = g.int(1, len(value) - 1)
        parts = [value[:cut], value[cut:]]
        g.tag("str:concat")
    trap_at = g.int(0, len(parts) - 1) if trap else -1
    srcs = [str_part(g, p, escapy, i == trap_at) for i, p in enumerate(parts)]
    if len(srcs) == 1:
        return srcs[0]
    if g.chance(50):
        return " ".join(srcs)
    return "(" + "\n    ".join(srcs) + ")"


INT_VALUES = [0, 1, 2, 7, 10, 42, 255, 1000, 65535, 1600129484, 2 ** 31, 2 ** 63 - 1,
              2 ** 64 - 1, 123456789012345678]


def int_src(g: Gen, value: int, trap: bool = False) -> str:
    if trap:
        kind = g.pick(["big", "big", "leading-zero", "underscore-bad", "digits-bad", "unary",
                       "complex", "limit"])
        g.tag(f"int-trap:{kind}")
        return {
            "big": lambda: g.pick([str(2 ** 64), str(10 ** 20), "0x" + "f" * 17, "-" + str(2 ** 64),
                                   "1" + "_000" * 8, str(-(2 ** 63) - 1), str(2 ** 127)]),
            "leading-zero": lambda: g.pick(["007", "00_7", "0_7", "09", "01"]),
            "underscore-bad": lambda: g.pick(["1__0", "1_", "0x_", "_1", "1_.5", "0b_"]),
            "digits-bad": lambda: g.pick(["0b2", "0o8", "0xg", "1e", "1.e", "0x"]),
            "unary": lambda: g.pick(["--1", "+1", "~1", "- -1", "-(-1)", "not 1", "-+1", "-True"]),
            "complex": lambda: g.pick(["1j", "1.5J", "-1j", "0j"]),
            "limit": lambda: "1" * g.pick([4300, 4301, 5000]),
        }[kind]()
    neg = value < 0
    a = abs(value)
    form = g.weighted((8, "dec"), (1, "under"), (1, "hex"), (1, "oct"), (1, "bin"), (1, "zero"))
    if form == "under" and a >= 1000:
        s = f"{a:_}"
    elif form == "hex":
        s = g.pick(["0x", "0X"]) + (f"{a:x}" if g.chance(50) else f"{a:X}")
    elif form == "oct":
        s = g.pick(["0o", "0O"]) + f"{a:o}"
    elif form == "bin" and a < 2 ** 20:
        s = g.pick(["0b", "0B"]) + f"{a:b}"
    elif form == "zero" and a == 0:
        s = g.pick(["00", "0_0", "0x0", "000"])
    else:
        s = str(a)
    if form != "dec":
        g.tag(f"int:{form}")
    if neg:
        g.tag("int:negative")
        return g.pick(["-{}", "- {}", "-({})", "-{}"]).format(s)
    return s


def float_src(g: Gen, value: float, trap: bool = False) -> str:
    if trap:
        g.tag("float-trap")
        return g.pick(["1.5j", "1._5", "1e", "1_e1", "1.5.5", "0x1.5", "1e1_0", "1__0.5"])
    s = repr(value)
    if value == int(value) and abs(value) < 1e15:
        s = g.pick([s, str(int(value)) + ".", str(int(value)) + "e0", s + "0"])
    elif 0 < abs(value) < 1 and s.startswith("0."):
        s = g.pick([s, s[1:]])
    return s


def scalar(g: Gen) -> Any:
    return g.weighted(
        (4, lambda: g.pick(PLAIN_TEXT)), (2, lambda: g.pick(INT_VALUES) * g.pick([1, 1, -1])),
        (1, lambda: g.pick([1.5, 0.0, 0.5, 1e3, -2.5, 1e300, 3.0])),
        (1, lambda: g.pick([True, False])), (1, lambda: None),
    )()


def any_value(g: Gen, depth: int = 0) -> Any:
    """A literal value: scalars, lists, tuples, dicts with str keys."""
    kind = g.weighted((6, "scalar"), (0 if depth > 2 else 2, "list"),
                      (0 if depth > 2 else 1, "tuple"), (0 if depth > 2 else 2, "dict"))
    if kind == "scalar":
        return scalar(g)
    n = g.int(0, 3)
    if kind == "list":
        return [any_value(g, depth + 1) for _ in range(n)]
    if kind == "tuple":
        return tuple(any_value(g, depth + 1) for _ in range(n))
    return {g.pick(["a", "b", "key", "_x", "x y", "caf\u00e9", "", "1"]): any_value(g, depth + 1)
            for _ in range(n)}


def container(g: Gen, open_: str, close: str, items: list[str], tuple1: bool = False) -> str:
    if not items:
        return open_ + close
    layout = g.int(1 if tuple1 else 0, 4)
    if layout == 0:
        return open_ + ", ".join(items) + close
    if layout == 1:
        return open_ + ", ".join(items) + "," + close
    if layout == 2:
        return open_ + "\n" + "".join(f"    {x},\n" for x in items) + close
    if layout == 3:
        g.tag("layout:comments")
        body = "".join(f"    {x},  # item {i}\n" + ("    # between\n" if i % 2 else "")
                       for i, x in enumerate(items))
        return open_ + "  # open\n" + body + g.pick(["", "    "]) + close
    return open_ + items[0] + "".join(f",\n {x}" for x in items[1:]) + \
        ("," if tuple1 and len(items) == 1 else "") + close


def lit(g: Gen, value: Any, top: bool = False, escapy: Optional[bool] = None) -> str:
    """`value` (a literal, or `Src`) as source."""
    if isinstance(value, Src):
        return str(value)
    if value is None:
        return "None"
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return int_src(g, value)
    if isinstance(value, float):
        return float_src(g, value)
    if isinstance(value, str):
        return str_src(g, value, escapy)
    if isinstance(value, list):
        return container(g, "[", "]", [lit(g, v, escapy=escapy) for v in value])
    if isinstance(value, tuple):
        items = [lit(g, v, escapy=escapy) for v in value]
        if top and items and g.chance(20):
            g.tag("tuple:bare")
            return ", ".join(items) + ("," if len(items) == 1 else "")
        return container(g, "(", ")", items, tuple1=len(items) == 1)
    if isinstance(value, dict):
        items = [f"{lit(g, k, escapy=escapy)}: {lit(g, v, escapy=escapy)}"
                 for k, v in value.items()]
        return container(g, "{", "}", items)
    raise TypeError(value)


# ---------------------------------------------------------------------------
# requirement strings

REQ_NAMES = ["foo", "bar", "python", "maya", "Qt_5", "a.b", "x", "lib_c", "_priv", "A1"]
# ascending in rez's order
REQ_VERSIONS = ["0", "1", "1.0", "1.5", "2", "2.7", "3", "3.10.1", "10", "2020.1"]
ALPHA_VERSIONS = ["1.0-beta", "1.a", "1_0", "2.0.rc1", "01", "1.0.0-alpha.2"]
REQ_FORMS = ["{n}", "{n}-{a}", "{n}-{a}+", "{n}-{a}+<{b}", "{n}<{a}", "{n}=={a}",
             "{n}-{a}..{b}", "{n}-{a}|{b}", "{n}>{a}", "{n}>={a}", "{n}<={a}", "{n}@{a}",
             "{n}#{a}", "{n}-{a}+<{b}|{c}+", "{n}-{a}|{b}|{c}", "{n}-<{a}"]
ODD_REQUIREMENTS = ["foo-2|1", "foo-1+<1", "foo-", "foo--1", ".eph", "~.eph-1", "foo bar",
                    "foo-1 ", " foo", "", "foo-1,2", "foo>=1<2", "caf\u00e9", "foo-1.0.",
                    "foo-\u00e9", "foo-1+<2|3", "foo-1..1", "foo-2..1", "!~foo", "foo==",
                    "foo-1|1", "foo-1+|2", "foo-<1|>2", "foo-1.0+<1.0.1", "foo-01", "Foo-1",
                    "foo-1_0", "foo@", "foo-1-2", "foo-1+-2", "~foo", "!foo-1+<2"]


def requirement(g: Gen, trap: bool = False, simple: bool = False) -> str:
    """A requirement string: one the reader reads (mostly canonical), or a trap."""
    if trap:
        g.tag("req-trap")
        if g.chance(50):
            return g.pick(ODD_REQUIREMENTS)
        return tsr.requirement_strings(g.rng, 1)[0]
    name = g.pick(REQ_NAMES)
    if simple:
        form = g.pick(["{n}", "{n}-{a}", "{n}-{a}", "{n}-{a}+"])
    else:
        form = g.weighted((3, "{n}"), (5, "{n}-{a}"), (2, "{n}-{a}+"), (3, g.pick(REQ_FORMS)))
    i, j, k = sorted([g.int(0, len(REQ_VERSIONS) - 1) for _ in range(3)])
    j, k = max(j, i + 1), max(k, i + 2, j + 1)
    versions = REQ_VERSIONS + ["999", "1000"]
    a, b, c = versions[i], versions[j], versions[k]
    if g.chance(10):
        a = g.pick(ALPHA_VERSIONS)
        g.tag("req:alpha")
    prefix = "" if simple else g.weighted((10, ""), (1, "~"), (1, "!"))
    return prefix + form.format(n=name, a=a, b=b, c=c)


def req_list(g: Gen, trap: bool = False, high: int = 4, simple: bool = False) -> list[str]:
    items = [requirement(g, simple=simple) for _ in range(g.int(0, high))]
    if trap:
        items.insert(g.int(0, len(items)), requirement(g, trap=True))
    return items


def variants_value(g: Gen, trap: bool = False) -> list:
    value = [req_list(g, high=3, simple=True) or [requirement(g, simple=True)]
             for _ in range(g.int(1, 3))]
    if g.chance(8):
        value = []
    elif g.chance(5):  # a variant repeated, or a family twice in one variant
        g.tag("variants:repeats")
        value.append(list(value[0]) if g.chance(50) else ["foo-1", "foo-2"])
    if trap:
        kind = g.pick(["req", "req", "empty-variant", "str-variant", "tuple-variant", "tuple",
                       "str", "nested", "int"])
        g.tag(f"variants-trap:{kind}")
        if kind == "req":
            value.append(req_list(g, trap=True, high=2))
        elif kind == "empty-variant":
            value.append([])
        elif kind == "str-variant":
            value.append(requirement(g))
        elif kind == "tuple-variant":
            value.append(tuple(req_list(g, high=2)))
        elif kind == "tuple":
            value = tuple(value)
        elif kind == "str":
            value = requirement(g)
        elif kind == "nested":
            value = [[value]] if value else [[[]]]
        else:
            value = [[1]]
    return value


def escapy_requires(g: Gen, trap: bool = False) -> str:
    """A list of requirement strings that spell their characters with escapes (where
    `trap`, some with a trap escape, prefix or raw character too)."""
    items = []
    for req in req_list(g, high=3) or ["foo-1.0"]:
        items.append(str_src(g, req, escapy=True, trap=trap and g.chance(50)))
    return container(g, "[", "]", items)


# ---------------------------------------------------------------------------
# rez's schema keys: right values, wrong ones

STR_KEYS = ["description", "uuid", "vcs", "base", "changelog"]
STRS_KEYS = ["authors", "tools", "plugin_for"]
REQ_KEYS = ["requires", "build_requires", "private_build_requires"]
BOOL_KEYS = ["hashed_variants", "has_plugins"]
OPT_BOOL_KEYS = ["relocatable", "cachable"]
CODE_KEYS = ["commands", "pre_commands", "post_commands", "pre_build_commands",
             "pre_test_commands"]
OTHER_KEYS = ["variants", "timestamp", "format_version", "help", "tests", "config",
              "release_message", "previous_version", "revision", "previous_revision"]
SCHEMA_KEYS = STR_KEYS + STRS_KEYS + REQ_KEYS + BOOL_KEYS + OPT_BOOL_KEYS + CODE_KEYS + \
    OTHER_KEYS + ["name", "version"]
CUSTOM_KEYS = ["custom", "_private", "os", "env", "this", "building", "match", "case", "type",
               "_", "print", "license", "x", "requires_rez_version", "build_command",
               "__doc__", "__version__", "__all__", "Requires", "variant", "preprocess",
               "globals", "sys", "json"]
REX = ["env.PATH.append('{root}/bin')", "setenv A b\nalias x y", "",
       "\n    env.FOO = '{root}'\n    if building:\n        env.BAR = 1\n"]


def tests_value(g: Gen) -> dict:
    tests = {}
    for i in range(g.int(0, 3)):
        kind = g.int(0, 3)
        if kind == 0:
            tests[f"t{i}"] = g.pick(["pytest", "python -m unittest"])
        elif kind == 1:
            tests[f"t{i}"] = ["pytest", "-x"]
        else:
            test = {"command": g.pick(["pytest", ["ruff", "check"]])}
            if g.chance(50):
                test["requires"] = req_list(g, high=2)
            if g.chance(40):
                test["run_on"] = g.pick(["default", ["default", "pre_release"], "explicit"])
            if g.chance(40):
                test["on_variants"] = g.pick([True, False])
            tests[f"t{i}"] = test
    return tests


def good_value(g: Gen, key: str) -> Any:
    """A value rez's schema takes for `key` (which the reader reads)."""
    if key in STR_KEYS:
        return g.pick(PLAIN_TEXT + ["A package.", "git", "1f0e-uuid"])
    if key in STRS_KEYS:
        return [g.pick(PLAIN_TEXT) for _ in range(g.int(0, 3))]
    if key in REQ_KEYS:
        return req_list(g)
    if key in BOOL_KEYS:
        return g.pick([True, False])
    if key in OPT_BOOL_KEYS:
        return g.pick([True, False, None])
    if key in CODE_KEYS:
        return g.pick(REX)
    if key == "variants":
        return variants_value(g)
    if key == "timestamp":
        return g.pick([1600129484, 0, 1, 2 ** 40, 1700000000, True])
    if key == "format_version":
        return g.pick([2, 2, 1, 0, -1])
    if key == "help":
        return g.pick(["https://example.com", [["Docs", "https://x"]], [], [["a", "b"], ["c"]]])
    if key == "tests":
        return tests_value(g)
    if key == "config":
        return g.pick([{}, {"release_packages_path": "/releases"},
                       {"plugins": {"release_hook": {"emailer": {"recipients": ["a@b"]}}}},
                       {"custom_thing": 1}])
    if key == "release_message":
        return g.pick([None, "released", ""])
    if key == "previous_version":
        return g.pick(["1.0", "0.9.1", "1.0-beta", "2"])
    if key in ("revision", "previous_revision"):
        return any_value(g)
    if key == "name":
        return Src(f"'{FAMILY}'")
    if key == "version":
        return Src(f"'{VERSION}'")
    return any_value(g)


def bad_value(g: Gen, key: str) -> Any:
    """A value of the wrong type or form for `key` (some of which rez still takes)."""
    g.tag(f"schema-trap:{key}")
    generic = [1, 1.5, None, "x", ["x"], ("x",), {"a": 1}, True, [], {}]
    specific = {
        "variants": lambda: variants_value(g, trap=True),
        "timestamp": lambda: g.pick(["1600129484", 1.5, None, -1, [1], 2 ** 70]),
        "format_version": lambda: g.pick([3, 100, "2", 2.0, None, True, False]),
        "help": lambda: g.pick([["a"], [[1]], [["a", 1]], [("a", "b")], ("a",), 1, None, [[]]]),
        "tests": lambda: g.pick([{"t": {}}, {"t": {"requires": ["a"]}}, {"t": 1},
                                 {"t": {"command": "x", "requires": ["foo-2|1"]}},
                                 {"t": {"command": "x", "on_variants": {"type": "requires",
                                                                       "value": ["a"]}}},
                                 {"t": {"command": 1}}, {"t": {"command": "x", "extra": 1}},
                                 {"t": {"command": "x", "run_on": 1}}, [], "pytest"]),
        "config": lambda: g.pick(["x", [], {"release_packages_path": 1}, {"plugins": 1},
                                  {"warn_untimestamped": "x"}, {"a": {"b": 1}}]),
        "previous_version": lambda: g.pick(["1..2", "", "1.0+", 1.0, None]),
        "release_message": lambda: g.pick([1, ["a"], Src("b'x'")]),
        "name": lambda: g.pick([1, None, ["a"], "foo-bar", "", " x", "a.b", "caf\u00e9"]),
        "version": lambda: g.pick([1.0, 1, None, "1..0", "", "abc def", "1.0+", "v1", "1-"]),
    }
    if key in REQ_KEYS:
        return g.pick([lambda: req_list(g, trap=True), lambda: requirement(g),
                       lambda: tuple(req_list(g)), lambda: [1], lambda: None,
                       lambda: [["foo"]], lambda: [Src("b'foo'")]])()
    if key in CODE_KEYS:
        return g.pick([["export X=1"], [], 1, None, ["a", "b"], Src("b'x'")])
    if key in specific:
        return specific[key]()
    return g.pick(generic)


# ---------------------------------------------------------------------------
# statements: each a list of (depth, text) lines


@dataclass
class Stmt:
    lines: list  # [(depth, text)]; text may hold newlines inside brackets or strings
    simple: bool = False  # one line a trailing comment or a `;` may follow

    @staticmethod
    def one(text: str) -> "Stmt":
        return Stmt([(0, text)], simple="\n" not in text and not text.endswith("\\"))


def assign(g: Gen, key: str, value: Any, chain: bool = True) -> Stmt:
    targets = [key]
    if chain and g.chance(6):
        targets.insert(g.int(0, 1), g.pick(CUSTOM_KEYS[:5] + ["alias_", "_dup"]))
        g.tag("assign:chained")
    eq = g.weighted((10, " = "), (1, "="), (1, "  =  "), (1, " =\\\n    "))
    return Stmt.one(eq.join(targets) + eq + lit(g, value, top=True))


# function bodies ------------------------------------------------------------

CLEAN_BODY = [
    "pass", "env.PATH.append('{root}/bin')", 'env.PYTHONPATH.prepend("{root}/python")',
    "env.FOO = '{root}'", "env.FOO_VERSION = str(this.version)", "setenv('A', 'b')",
    "alias('x', 'y {root}')", "info('loading {this.name}')", "x = 1",
    "x = [i for i in range(3) if i]", "x = {k: v for k, v in d.items()}", "x = {i for i in y}",
    "x = (i for i in y)", "x = sum(i for i in y)", "import os", "import os.path as p",
    "from os import path", "from os.path import join as j, sep", "from . import sibling",
    "f(*a, k=1, **kw)", "f(a, *b, c, **d)", "f(a=1, *b)", "f(**a, **b)", "x: int = 1",
    "y: 'str'", "z: list[int] = []", "del x", "del x.y, z[0]", "assert x, 'message'",
    "raise ValueError('x')", "raise", "raise ValueError from None", "x += 1", "x.y += 1",
    "x[0] -= 1", "'''a docstring'''", "return", "return None", "return x, y",
    "x = f'{this.root}/bin'", "x = f'{x:>10}'", "x = f'{{literal}}'", "x = f'{a[0]}{b.c}'",
    "x = f'{a:=b}'", "x = rf'\\d{a}'", "x = 'a' f'{b}' 'c'", "x = f'{a}' f'{b}'",
    "x = f'''{a}\n'''", "a, b = c", "(a, b) = c", "[a, b] = c", "a = b = c",
    "x = a if b else c", "x = not a", "x = -a ** 2", "x = a @ b", "print(x, file=sys.stderr)",
    "x = [*a, *b]", "x = {**a, 'b': 1}", "x = (*a, *b)", "x = {*a}", "print(*a)",
    "x = 0xFF + 1_000 + 0o17 + 0b1", "x = 1e5 + .5 + 5. + 1j", "x = b'bytes' + rb'\\d'",
    "x = '\\x41\\u0042\\N{LATIN SMALL LETTER A}\\777\\d'", "x = y[1:2], y[::2], y[a:b:c]",
    "x = a < b < c", "x = a is not b and c not in d or e", "exec('x = 1')", "super()",
    "x = 123456789012345678", "x = 18446744073709551615", "print >>sys.stderr, 'x'",
    "x = [1,\n         2]", "x = '''multi\nline'''", "x = 'continued' \\\n        'string'",
    "x = \\\n    1", "building and env.X.append('y')", "x = {'a': 1, 'a': 2}", "x = __class__",
    "x = 1; y = 2", "x = 1;", "if x: pass", "while x: break", "for i in x: continue",
    "with a: pass", "with a as b, c as d: pass", "with (a as b, c as d): pass",
    "del ()", "x = ()", "(a) = 1", "a[1:2] = b", "with a as b.c: pass", "for a.b in c: pass",
    "x = [a for a in b for c in d if e]", "x = 1 if y else 2", "assert (x, 'y')",
    "x = 1 is 1", "from x import (a, b,)", "x = u'caf\u00e9' + '\U0001f389'",
    "x = '\\N{EM DASH}'", "global_ = 1", "x = [\n    1,  # comment\n]",
    "match = 1", "match(x)", "type(x)", "case.x = 1", "print(match, case, type, _)",
    "_ = [_ for _ in _]", "x = b'\\777' + b'\\400'", "x = '\\400\\777'",
    "x = '''\n\tTabbed\n'''", "return '{root}'", "x = r'\\N{not a name}'", "x = b'\\N{x}'",
]
VALID_REFUSED_BODY = [
    "x = lambda: 1", "(y := 1)", "def g():\n    pass", "class C:\n    pass", "yield 1",
    "yield from x", "a, *b = c", "x = *a, *b", "return *a, *b", "x[*a]",
    "match x:\n    case 1:\n        pass", "try:\n    pass\nexcept* E:\n    pass",
    "x = f'{a!r}'", "x = f'{a=}'", "x = f'{a:{b}}'", "x = 99999999999999999999",
    "x = [y for y in z if (w := y)]", "async def g():\n    pass", "x = (yield)",
    "for i in x:\n    try:\n        pass\n    finally:\n        continue",
    "print(f'{x!r}')", "x = -18446744073709551616",
]
ERROR_BODY = [
    "break", "continue", "if x:\n    break", "f(a=1, a=2)", "f(**a, *b)", "f(**a, b)",
    "f(a=1, b)", "f(x for x in y, 1)", "f(1, x for x in y)", "*a = b", "a, *b, *c = d",
    "nonlocal x", "await x", "x = [y async for y in z]", "async with a:\n    pass",
    "async for a in b:\n    pass", "from os import *", "from __future__ import annotations",
    "x = f'{a!x}'", "x = f'{}'", "x = f'{a:{b:{c:{d}}}}'", "del f()", "del 1", "[a] += 1",
    "(a, b) += 1", "f() += 1", "[a]: int = 1", "a, b: int", "f(): int", "None = 1",
    "x = *a", "x = (*a)", "class C(x for x in y):\n    pass", "for x in y:\n    pass\nelse:\n    break",
    "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass", "x = '\\N{NO SUCH NAME}'",
    "x = '\\U00110000'", "x = '\\x4'", "x = b'caf\u00e9'", "x = 'a' b'b'", "x = 0777",
    "print 'x'", "x = `a`", "x = a <> b", "raise E, 'x'", "x = ur'a'", "x = 12L",
    "exec 'x'", "try:\n    pass\nexcept E, e:\n    pass", "x = 1_000_", "lambda: (yield)",
    "x = [(yield) for y in z]", "del *a", "with a as f():\n    pass", "for f() in x:\n    pass",
    "return = 1", "x = 1 2", "def g(a, a):\n    pass", "x = [i for i in range(3)] = y",
    "__debug__ = 1", "x = \"\"\"unterminated", "f(a for a in b for c in d, )",
    "x = '\\N{LATIN SMALL LETTER A'", "import a as b.c", "from x import a,",
    "x = f'{lambda: 1}'", "x = f'{*a}'", "global x, x\nx = 1",
    "x = rb'\\N{x}' + '\\N{x}'",
    "x = '\\N{LATIN CAPITAL LETTER A WITH}'", "x = 1__0", "x = 0b", "x = 1e+",
    "x = 09", "x = 0_7", "x = '\\x'", "x = '\\u'", "x = '\\U'", "x = b'\\x'",
    # a number run into a keyword (a warning, an error, or an invalid literal)
    "x = 1if y else 2", "x = [0x1for x in y]", "x = 1or 2", "x = 0o1and 2",
    "x = 1.0if y else 2", "x = 1jif y else 2", "x = 0b1_0in y", "x = 1_0is y",
    "x = 1else", "x = 0x1e+1", "x = 1e1if y else 2", "x = 0not in y", "x = 1in y",
]
GLOBAL_PAIRS = [  # (lines): `global` after a use is a compile error; before, not
    ["global env, building", "env.X = 1"], ["global x", "x = 1"], ["x = 1", "global x"],
    ["global x", "x: int = 1"], ["print(x)", "global x"], ["for x in y: pass", "global x"],
    ["import x", "global x"], ["del x", "global x"], ["y = f'{x}'", "global x"],
    ["y = [x for x in z]", "global x"], ["try:\n    pass\nexcept E as x:\n    pass", "global x"],
    ["with a as x: pass", "global x"], ["x.y = 1", "global x"], ["global x", "del x"],
    ["global x", "global x"], ["y = x", "global y"], ["global x", "y = [x for x in z]"],
    ["import a.b", "global a"], ["from m import b as x", "global x"], ["global env", "env = 1"],
    ["x += 1", "global x"], ["global x", "x += 1"], ["global x", "for x in y: pass"],
    ["global x", "import x"], ["global this", "this.x = 1"], ["y: x = 1", "global x"],
    ["x: int", "global x"], ["global x", "(x) = 1"],
]
FSTRINGS = [
    "f'{a}'", "f'{a:>10}'", "f'{a!r}'", "f'{a!s:>{w}}'", "f'{a=}'", "f'{a = }'", "f'{a:{b}}'",
    "f'{a:{b:{c}}}'", "f'{a:{b:{c:{d}}}}'", "f'{a!x}'", "f'{}'", "f'{ }'", "f'{a'", "f'a}'",
    "f'{{}}'", "f'{a:=b}'", "f'{(a:=b)}'", "f'{lambda: 1}'", "f'{(lambda: 1)}'", "f'{yield}'",
    "f'{*a}'", "f'{*a,}'", "f'{a:%H:%M}'", "f'{a:{{}}}'", "f'{a!r:}'", "f'{a:\\n}'",
    "f'{\"a\"}'", "f'{'a'}'", "f'{\"\\n\"}'", "f'''{a\n}'''", "f'{a # c}'", "f'{f\"{a}\"}'",
    "f'{f\"{f'{a}'}\"}'", "f'''{f\"\"\"{f'{f\"{a}\"}'}\"\"\"}'''", "f'{a}' 'b' f'{c!r}'",
    "rf'{a}\\d'", "fr'\\{a}'", "f'\\{a}'", "f'{a:{\"x\"}}'", "f'{a[\"b\"]}'", "f'{a['b']}'",
    "f'{{{a}}}'", "f'{a:{b}{c}}'", "f'{a!r=}'", "f'{a=!r:10}'", "f'{3.14:.{2}f}'",
    "F'{a}'", "f'{a}{b}{c}'", "f'{\"\\\\\"}'", "f'{0x10}'", "f'{1_0}'", "f'{a:!<10}'", "f'{a!}'",
    "f'{a!r!s}'", "f'{a:{b!r}}'", "f'{a:{b=}}'", "f'{a:{{b}}}'", "f'{a}}'", "f'{{a}'",
    "f'{a:}}'", "f'{a:{{}'", "f'{\"}\"}'", "f'{\"{\"}'", "f'{a if b else c}'",
    "f'{a:{\"\"}}'", "f'{a}\\N{EM DASH}'", "f'\\N{NO SUCH}{a}'", "f'{a:\\N{EM DASH}}'",
    "f'{99999999999999999999}'", "f'{a\n}'", "f'''{a!r\n}'''", "f'{a:{b}:{c}}'", "f'''{\na\n}'''",
    "f'{ a !r}'", "f'{a! r}'", "f'{a :>10}'", "f'{a.b!a}'", "f'{a}' b'x'", "f'{1:{2:{3}}}'",
]


def simple_body_stmt(g: Gen, in_loop: bool) -> str:
    text = g.pick(CLEAN_BODY)
    if in_loop and g.chance(15):
        text = g.pick(["break", "continue", "if x:\n    break"])
    return text


def body_lines(g: Gen, depth: int, in_loop: bool, budget: int, high: int = 3) -> list:
    lines: list = []
    for _ in range(g.int(1, high)):
        if budget > 0 and g.chance(25):
            lines += compound(g, depth, in_loop, budget - 1)
        else:
            lines += _multi(depth, simple_body_stmt(g, in_loop))
    return lines


def _multi(depth: int, text: str) -> list:
    """Lines of `text`: `\\n` followed by an indentation-free keyword line starts a new
    line at `depth` plus its leading four-space steps."""
    out = []
    for i, line in enumerate(_logical_lines(text)):
        stripped = line.lstrip(" ")
        extra = (len(line) - len(stripped)) // 4
        out.append((depth + extra, stripped) if i else (depth, line))
    return out


def _logical_lines(text: str) -> list[str]:
    """Splits statement text at newlines that are not inside brackets or strings."""
    lines, cur, level, quote, i = [], "", 0, None, 0
    while i < len(text):
        c = text[i]
        if quote:
            if text.startswith(quote, i) and text[i - 1] != "\\":
                cur += quote
                i += len(quote)
                quote = None
                continue
        elif c in "'\"":
            quote = text[i:i + 3] if text[i:i + 3] in ("'''", '"""') else c
            cur += quote
            i += len(quote)
            continue
        elif c in "([{":
            level += 1
        elif c in ")]}":
            level -= 1
        elif c == "\n" and level <= 0 and not cur.endswith("\\"):
            lines.append(cur)
            cur = ""
            i += 1
            continue
        cur += c
        i += 1
    lines.append(cur)
    return lines


def compound(g: Gen, depth: int, in_loop: bool, budget: int) -> list:
    kind = g.pick(["if", "for", "while", "with", "try", "tryfinally"])
    g.tag(f"body:{kind}")
    d = depth
    if kind == "if":
        lines = [(d, g.pick(["if building:", "if x:", "if (a and\n        b):"]))]
        lines += body_lines(g, d + 1, in_loop, budget)
        for _ in range(g.int(0, 2)):
            lines += [(d, "elif y:")] + body_lines(g, d + 1, in_loop, budget)
        if g.chance(30):
            lines += [(d, "else:")] + body_lines(g, d + 1, in_loop, budget)
        return lines
    if kind in ("for", "while"):
        head = "for i in x:" if kind == "for" else g.pick(["while x:", "while True:"])
        lines = [(d, head)] + body_lines(g, d + 1, True, budget)
        if g.chance(25):
            lines += [(d, "else:")] + body_lines(g, d + 1, in_loop, budget)
        return lines
    if kind == "with":
        head = g.pick(["with a:", "with a as b:", "with a as b, c:", "with open(p) as f:"])
        return [(d, head)] + body_lines(g, d + 1, in_loop, budget)
    lines = [(d, "try:")] + body_lines(g, d + 1, in_loop, budget)
    if kind == "try":
        handlers = g.int(1, 3)
        for i in range(handlers):
            bare = i == handlers - 1 and g.chance(30)
            head = "except:" if bare else g.pick(["except E:", "except E as e:",
                                                  "except (A, B) as e:", "except Exception:"])
            lines += [(d, head)] + body_lines(g, d + 1, in_loop, budget)
        if g.chance(25):
            lines += [(d, "else:")] + body_lines(g, d + 1, in_loop, budget)
    if kind == "tryfinally" or g.chance(20):
        lines += [(d, "finally:")] + body_lines(g, d + 1, False, budget)
    return lines


# the try family twice: CPython counts its handlers and finally bodies as more than one block
BLOCK_KINDS = ["for", "while", "if", "with", "with2", "for_else", "elif"] + 2 * [
    "try_body", "except", "except_as", "finally_body", "finally", "except_as_finally",
    "try_else"]


def nest(kinds: list, d: int, innermost: str) -> list:
    """Blocks of `kinds` nested, outermost first, `innermost` inside them all."""
    if not kinds:
        return [(d, innermost)]
    k, inner = kinds[0], nest(kinds[1:], d + 1, innermost)
    pass_ = [(d + 1, "pass")]
    return {
        "for": lambda: [(d, "for i in x:")] + inner,
        "while": lambda: [(d, "while x:")] + inner,
        "if": lambda: [(d, "if x:")] + inner,
        "elif": lambda: [(d, "if x:")] + pass_ + [(d, "elif y:")] + inner,
        "with": lambda: [(d, "with a as b:")] + inner,
        "with2": lambda: [(d, "with a, b as c:")] + inner,
        "try_body": lambda: [(d, "try:")] + inner + [(d, "except E:")] + pass_,
        "except": lambda: [(d, "try:")] + pass_ + [(d, "except E:")] + inner,
        "except_as": lambda: [(d, "try:")] + pass_ + [(d, "except E as e:")] + inner,
        "finally_body": lambda: [(d, "try:")] + inner + [(d, "finally:")] + pass_,
        "finally": lambda: [(d, "try:")] + pass_ + [(d, "finally:")] + inner,
        "except_as_finally": lambda: [(d, "try:")] + pass_ + [(d, "except E as e:")] + inner
        + [(d, "finally:")] + pass_,
        "for_else": lambda: [(d, "for i in x:")] + pass_ + [(d, "else:")] + inner,
        "try_else": lambda: [(d, "try:")] + pass_ + [(d, "except E:")] + pass_ + [(d, "else:")]
        + inner,
    }[k]()


PARAMS_CLEAN = ["", "this", "data", "this, data", "x=1", "x=[1, 'a']", "*args, **kwargs",
                "x: int = 1", "x: 'str'", "a, /, b, *, c=None", "x: int", "x=-1", "x=(1, 2)",
                "x={'a': 1}", "x=None, y=True", "*, k=1", "x: list = []", "x: type = None",
                "x: str = 'a', *a: 'b', **k: dict", "x=0x10, y=1.5e3", "x=(\n    1,\n)",
                "x: bool=False", "a, b, /", "x='caf\u00e9'", "x: 'a' 'b' = 'c'"]
PARAMS_TRAP = ["x=y", "x: List[int]", "x=[i for i in range(2)]", "x=f'{1}'", "x=--1", "x=1j",
               "x={1}", "x=os.sep", "x=len('a')", "x: Optional = None", "x=1+1", "x=b'a'",
               "x={'__a': 1}", "x=99999999999999999999", "a, a", "a=1, b", "*, **k", "**k, a",
               "*a, *b", "a, /, a", "x=(yield)", "x: (yield)", "*", "/, a", "x=*a",
               "x=lambda: 1", "x: int = y", "x: 'a' 'b' = 'c'", "x={1: 2}", "x=-(1)",
               "x='\\N{EM DASH}'", "x: 1j = 1", "x=\"\\N{NO SUCH}\"", "x: print = 1",
               "x: Ellipsis", "x: None = None", "x: True", "x=[*'ab']", "x: tuple[int] = ()",
               "x: object = ...", "x=...", "x: ... = 1"]
RETURNS_CLEAN = ["", "", "", " -> None", " -> int", " -> 'str'", " -> bool", " -> dict"]
RETURNS_TRAP = [" -> List[int]", " -> (yield)", " -> x", " -> 1", " -> 'a' 'b'",
                " -> int | None", " -> print"]


def function(g: Gen, name: str, body: Optional[list] = None, params: Optional[str] = None,
             returns: Optional[str] = None, decorator: str = "") -> Stmt:
    if params is None:
        params = g.pick(PARAMS_CLEAN) if g.chance(40) else g.pick(["", "", "this"])
    if returns is None:
        returns = g.pick(RETURNS_CLEAN)
    head = f"def {name}({params}){returns}:"
    if body is None:
        if g.chance(8):
            g.tag("def:one-line")
            return Stmt([(0, decorator + head + " " + g.pick(["pass", "...", "return 1",
                                                              "env.X = 1", "x = 1; y = 2"]))])
        body = []
        if g.chance(10):
            body.append((1, g.pick(DOCS)))
        body += body_lines(g, 1, False, 2, high=4)
    lines = [(0, decorator + head)] + body
    return Stmt(lines)


def code_attribute(g: Gen, trap: Optional[str] = None) -> Stmt:
    """A def rez keeps (a code attribute, or preprocess) or drops (a helper)."""
    name = g.weighted((6, g.pick(CODE_KEYS)), (1, "preprocess"),
                      (2, g.pick(["helper", "_helper", "__init__", "commands_", "foo", "os"])))
    g.tag(f"def:{'code' if name in CODE_KEYS else name}")
    if trap is None:
        return function(g, name)
    if trap == "body":
        kind = g.weighted((3, "error"), (2, "refused"), (2, "global"), (1, "escape"))
        g.tag(f"body-trap:{kind}")
        lines = body_lines(g, 1, False, 1, high=2)
        if kind == "global":
            pair = g.pick(GLOBAL_PAIRS)
            extra: list = []
            for text in pair:
                extra += _multi(1, text)
        elif kind == "escape":
            extra = _multi(1, "x = " + str_src(g, g.pick(PLAIN_TEXT), trap=True))
        else:
            extra = _multi(1, g.pick(ERROR_BODY if kind == "error" else VALID_REFUSED_BODY))
        at = g.int(0, len(lines))
        # inserted at a statement boundary at depth 1 (not before a clause of a compound)
        clauses = ("elif", "else", "except", "finally")
        while at < len(lines) and (lines[at][0] != 1 or lines[at][1].startswith(clauses)):
            at += 1
        return function(g, name, lines[:at] + extra + lines[at:])
    if trap == "blocks":
        # at most 14: CPython compiles each finally body twice, 2**depth times in all
        n = g.weighted((1, g.int(2, 5)), (3, g.int(6, 11)), (1, g.int(12, 14)))
        kinds = [g.pick(BLOCK_KINDS) for _ in range(n)]
        if g.chance(50):  # one kind throughout
            kinds = [kinds[0]] * n
        g.tag(f"blocks:{n // 4 * 4}-{n // 4 * 4 + 3}")
        innermost = g.weighted((4, "pass"), (1, "break"), (1, "continue"), (1, "return"),
                               (1, "x = 1"))
        return function(g, name, nest(kinds, 1, innermost))
    if trap == "params":
        g.tag("params-trap")
        return function(g, name, params=g.pick(PARAMS_TRAP) if g.chance(80) else None,
                        returns=g.pick(RETURNS_TRAP) if g.chance(30) else None)
    if trap == "fstring":
        g.tag("fstring-trap")
        lines = body_lines(g, 1, False, 0, high=2)
        lines.insert(g.int(0, len(lines)), (1, "x = " + g.pick(FSTRINGS)))
        return function(g, name, lines)
    if trap == "elif":
        n = g.pick([49, 50, 51, 52, 99])
        g.tag(f"elif:{n}")
        lines = [(1, "if x:"), (2, "pass")]
        for _ in range(n):
            lines += [(1, "elif x:"), (2, "pass")]
        return function(g, name, lines)
    raise AssertionError(trap)


# scopes ---------------------------------------------------------------------

SCOPE_PARTS = ["release_packages_path", "plugins", "release_hook", "emailer", "recipients",
               "a", "b", "x", "y", "Upper", "with_digit1", "_private"]  # "_" ones last
SCOPE_ATTRS = ["get", "keys", "items", "values", "data", "name", "locals", "pending",
               "to_dict", "format", "format_expand", "format_pretty", "copy", "update", "pop",
               "popitem", "setdefault", "clear", "fromkeys", "read_only", "context",
               "_reparent", "_update", "_abc_impl", "__dict__", "__x"]
# not `__class__`: rez runs `config.__class__.x = 1`, which sets an attribute of rez's
# scope class, and every file loaded after it in the same process sees it


def scope_block(g: Gen, trap: bool = False) -> Stmt:
    name = g.weighted((8, "config"), (1, "tools"), (1, "foo"), (1, "a.b"), (1, ""),
                      (1, "requires"), (1, "__x"), (1, "timestamp"), (1, "name")) \
        if trap or g.chance(10) else "config"
    var = name if name.isidentifier() and g.chance(60) else \
        g.pick(["c", "cfg", "config", "requires", "x", "name"])
    head = f"with scope({str_src(g, name, escapy=False)}) as {var}:"
    kind = g.pick(["conflict", "conflict-across", "attr-parent", "dunder", "leaf-attr", "body",
                   "head", "var", "value", "multi-target"]) if trap else None
    if kind:
        g.tag(f"scope-trap:{kind}")
    else:
        g.tag("scope")
    earlier = g.scope_paths[name]
    paths: list = []
    for _ in range(g.int(1, 4)):
        for _attempt in range(4):
            path = tuple(g.pick(SCOPE_PARTS[:-2] if trap else SCOPE_PARTS[:10])
                         for _ in range(g.int(0, 2))) + (g.pick(SCOPE_PARTS),)
            clash = any(p != path and (p[:len(path)] == path or path[:len(p)] == p)
                        for p in earlier + paths)
            if not clash:
                paths.append(path)
                break
    if kind == "conflict" and paths:
        p = paths[0]
        paths.append(p + (g.pick(SCOPE_PARTS),) if g.chance(50) else p[:-1] or p)
        if paths[-1] == p:
            paths[-1] = p + ("z",)
    elif kind == "conflict-across" and earlier:
        p = g.pick(earlier)
        paths.append(p + ("z",) if g.chance(50) or len(p) == 1 else p[:-1])
    elif kind == "conflict-across":
        g.scope_paths[name].append(("a",))
        paths.append(("a", "b"))
    elif kind == "attr-parent":
        paths.append((g.pick(SCOPE_ATTRS), g.pick(SCOPE_PARTS)))
    elif kind == "dunder":
        paths.append((g.pick(["__x", "__x__", "__dict__"]),))
    elif kind == "leaf-attr":
        paths.append((g.pick(SCOPE_PARTS),) * g.int(0, 1) + (g.pick(SCOPE_ATTRS),))
    g.scope_paths[name].extend(paths)
    body = []
    for path in paths or [("a",)]:
        value = lit(g, any_value(g, 1) if not kind == "value" else
                    Src(g.pick(["x", "f'{1}'", "1 + 1", "{1}", "[i for i in x]"])))
        targets = ".".join((var,) + path)
        if kind == "multi-target" or g.chance(5):
            targets += " = " + ".".join((var, g.pick(SCOPE_PARTS)))
        body.append((1, f"{targets} = {value}"))
    if kind == "body":
        body.insert(g.int(0, len(body)), (1, g.pick(["x = 1", "pass", "'doc'", f"{var}.a += 1",
                                                     f"{var}['a'] = 1", f"{var}.a: int = 1",
                                                     f"with scope('b') as b:\n    b.x = 1",
                                                     f"del {var}.a", "import os"])))
    if kind == "head":
        head = g.pick(["with scope('config'):", "with scope('config') as c, scope('d') as d:",
                       "with scope(name='config') as c:", "with scope('a', 'b') as c:",
                       "with scope(b'config') as c:", "with scope(f'config') as c:",
                       "with open('x') as c:", "with scope('config') as (c, d):",
                       "async with scope('config') as c:", "with (scope('config') as c):",
                       "with scope('config') as c.d:", "with scope(config) as c:",
                       "with scope('con' 'fig') as c:", "with scope(u'config') as c:",
                       "with scope(\"\"\"config\"\"\") as c:", "with scope('config',) as c:"])
        body = [(1, "c.a = 1")]
    if kind == "var":
        v = g.pick(["scope", "early", "late", "__builtins__", "globals", "ModifyList", "include"])
        head = f"with scope('config') as {v}:"
        body = [(1, f"{v}.a = 1")]
    return Stmt([(0, head)] + body)


# module statements ------------------------------------------------------------


def clean_statement(g: Gen) -> Stmt:
    kind = g.weighted((14, "key"), (5, "custom"), (2, "doc"), (1, "pass"), (5, "def"),
                      (2, "scope"), (2, "import"), (2, "lint"), (1, "rebound"), (1, "escapy"))
    g.tag(f"stmt:{kind}")
    if kind == "key":
        key = g.pick([k for k in SCHEMA_KEYS if k not in ("name", "version", "timestamp")])
        return assign(g, key, good_value(g, key))
    if kind == "custom":
        return assign(g, g.pick(CUSTOM_KEYS), any_value(g))
    if kind == "doc":
        return Stmt.one(g.pick(DOCS + ["1", "[1, 2]", "(1,)", "{'a': None}", "-1.5", "None",
                                       "True", "'a' 'b'", "u'x'"]))
    if kind == "pass":
        return Stmt.one("pass")
    if kind == "def":
        return code_attribute(g)
    if kind == "scope":
        return scope_block(g)
    if kind == "import":
        return Stmt.one(g.pick(["import os", "import os.path", "import os.path as p",
                                "import sys", "import json as j", "import re", "import datetime",
                                "import os as requires", "import subprocess", "import platform"]))
    if kind == "lint":
        names = g.pick(["env", "building", "this", "env, building", "late",
                        "(env,\n    building,)", "env as e", "early, late, include",
                        "ModifyList", "env as __builtins__", "InvalidPackageError",
                        "env as custom", "preprocess"])
        return Stmt.one(f"from rez.utils.lint_helper import {names}")
    if kind == "rebound":
        n = g.pick(["late", "early", "include", "scope", "ModifyList", "InvalidPackageError"])
        key = str_src(g, n, escapy=g.chance(20))
        value = f"globals()[{key}]"
        return Stmt.one(f"{n} = {'(' + value + ')' if g.chance(10) else value}")
    return Stmt.one(f"requires = {escapy_requires(g)}")


def trap_statement(g: Gen, category: str) -> list[Stmt]:
    """Statements of a trap of `category` (see TRAPS)."""
    pick = g.pick
    if category == "string":
        key = pick(["description", "custom", "uuid", "_private", "requires", "help", "vcs"])
        texts = SHORT_TEXT if key in ("requires", "help") else PLAIN_TEXT
        value = str_src(g, pick(texts + ["foo-1.0"]), trap=True)
        return [Stmt.one(f"{key} = {'[' + value + ']' if key == 'requires' else value}")]
    if category == "escape":
        return [Stmt.one(f"{pick(['requires', 'build_requires'])} = {escapy_requires(g, True)}")]
    if category == "number":
        key = pick(["timestamp", "custom", "format_version", "_x", "revision"])
        src = float_src(g, 1.5, trap=True) if g.chance(20) else int_src(g, 0, trap=True)
        return [Stmt.one(f"{key} = {src}")]
    if category == "container":
        g.tag("container-trap")
        src = pick(["{1}", "{1, 2}", "set()", "{1: 'a'}", "{(1, 2): 'a'}", "{None: 1}",
                    "{'__x': 1}", "{'a': {'__b': 1}}", "[{'__x': 1}]", "{**{}}", "[*'ab']",
                    "[i for i in 'ab']", "...", "[1] * 2", "[1] + [2]", "{'a': 1, **{'b': 2}}",
                    "{'\\x5f_x': 1}", "{'_' '_x': 1}", "{True: 1}", "{1.5: 1}", "{'a': {1}}",
                    "(1)", "()", "(1,)", "[[[[[]]]]]", "{'': 1}", "{'__': 1}", "{'_x_': 1}",
                    "{b'a': 1}", "{'a': b'x'}", "{'a': 1j}", "[(), [], {}]", "{'a' : -1}"])
        return [Stmt.one(f"{pick(['custom', 'revision', 'config', '_data'])} = {src}")]
    if category == "requirement":
        key = pick(REQ_KEYS + ["variants", "variants", "tests"])
        if key == "variants":
            value = variants_value(g, trap=True)
        elif key == "tests":
            value = {"t": {"command": "x", "requires": req_list(g, trap=True, high=1)}}
        else:
            value = req_list(g, trap=True)
        return [assign(g, key, value)]
    if category == "schema":
        key = pick(SCHEMA_KEYS)
        return [assign(g, key, bad_value(g, key))]
    if category in ("body", "blocks", "params", "fstring", "elif"):
        return [code_attribute(g, trap=category)]
    if category == "defname":
        kind = pick(["key", "injected", "early", "late", "include", "decorated", "async",
                     "type-params", "redefined"])
        g.tag(f"defname:{kind}")
        if kind == "key":
            key = pick([k for k in SCHEMA_KEYS if k not in CODE_KEYS])
            return [function(g, key, [(1, pick(["return ['foo']", "pass", "return 1"]))])]
        if kind == "injected":
            return [function(g, pick(["scope", "early", "late", "include", "ModifyList",
                                      "InvalidPackageError", "__builtins__", "globals"]))]
        if kind in ("early", "late"):
            key = pick(["requires", "description", "helper", "timestamp", "variants", "tools"])
            value = lit(g, good_value(g, key) if key != "helper" else 1)
            params = pick(["", "", "this", "a, b"])
            return [function(g, key, [(1, f"return {value}")], params=params, returns="",
                             decorator=f"@{kind}()\n")]
        if kind == "include":
            return [function(g, "commands", [(1, "pass")], params="", returns="",
                             decorator="@include('othermod')\n")]
        if kind == "decorated":
            deco = pick(["@early\n", "@staticmethod\n", "@classmethod\n", "@(lambda f: f)\n",
                         "@late\n", "@x\n", "@early() # c\n"])
            return [function(g, pick(["commands", "helper", "requires"]), [(1, "return 1")],
                             params="", returns="", decorator=deco)]
        if kind == "async":
            return [Stmt([(0, f"async def {pick(['commands', 'helper'])}():"), (1, "pass")])]
        if kind == "type-params":
            return [Stmt([(0, f"def {pick(['commands', 'helper'])}[T]():"), (1, "pass")])]
        name = pick(CODE_KEYS + ["helper", "preprocess"])
        stmts = [function(g, name), assign(g, name, good_value(g, name) if name in CODE_KEYS
                                           else any_value(g))]
        return stmts if g.chance(50) else stmts[::-1]
    if category == "scope":
        stmts = [scope_block(g, trap=True)]
        if g.chance(40):
            stmts.insert(0, scope_block(g))
        return stmts
    if category == "import":
        g.tag("import-trap")
        text = pick(["import collections", "import os, sys", "import notamodule_xyz",
                     "from os import path", "from os.path import *",
                     "from __future__ import annotations", "from __future__ import braces",
                     "from rez.utils.lint_helper import used",
                     "from rez.utils.lint_helper import *",
                     "from rez.utils.lint_helper import _x",
                     "from rez.utils.lint_helper import __name__ as x",
                     "from rez.utils import lint_helper", "import rez.utils.lint_helper",
                     "from . import x", "import os as scope", "import os.path as early",
                     "from rez.utils.lint_helper import env as scope",
                     "from rez.utils.lint_helper import scope", "import os.path as os",
                     "import rez", "from os import path as requires", "import json as timestamp",
                     "from rez.utils.lint_helper import env, env", "import os.nothere",
                     "from rez.utils.lint_helper import timestamp",
                     "from rez.utils.lint_helper import requires",
                     "from rez.utils.lint_helper import x as globals",
                     "from rez.utils.lint_helper import commands",
                     "from rez.utils.lint_helper import name, version",
                     "from  rez.utils.lint_helper  import  env", "from .x import y",
                     "import sys as globals\nlate = globals()['late']"])
        stmts = [Stmt.one(text)]
        if "scope" in text or g.chance(20):
            stmts.append(scope_block(g))
        return stmts
    if category == "control":
        g.tag("control-trap")
        return [Stmt([(0, line) for line in pick([
            ["if True:", "    requires = ['foo']"], ["if False:", "    pass", "else:", "    x = 1"],
            ["try:", "    import notamodule_xyz", "except ImportError:", "    pass"],
            ["for i in range(2):", "    pass"], ["for x in []:", "    pass", "else:", "    y = 1"],
            ["while False:", "    pass"], ["match 1:", "    case 1:", "        x = 1"],
            ["if x:", "    pass"], ["try:", "    x = 1", "finally:", "    pass"],
            ["try:", "    pass", "except* ValueError:", "    pass"], ["if 1: requires = []"],
        ])])]
    if category == "statement":
        g.tag("statement-trap")
        return [Stmt.one(pick([
            "x += 1", "x: int = 1", "x: int", "del x", "a, b = 1, 2", "[a, b] = [1, 2]",
            "x.y = 1", "x[0] = 1", "global x", "assert True", "assert False",
            "class C:\n    pass", "raise ValueError('x')", "return", "break", "continue",
            "nonlocal x", "(x) = 1", "x = y = z = 1", "x = 1; y = 2", "a = b, c = 1, 2",
            "custom = 1\ndel custom", "requires = []\nrequires += ['foo']", "(requires) = ['foo']",
            "timestamp: int = 1", "x = yield", "await x", "type X = int", "del (x)",
            "requires, = [['foo']]", "[requires] = [['foo']]", "x = 1\nx += 1",
        ]))]
    if category == "expression":
        g.tag("expression-trap")
        return [Stmt.one(pick([
            "requires = ['a'] + ['b']", "x = y", "x = len('a')", "requires = list(('a',))",
            "timestamp = 1 + 1", "x = -(1)", "x = -True", "x = not True", "x = ...",
            "x = 'a' if True else 'b'", "x = (1, 2)[0]", "x = {'a': 1}['a']",
            "requires = [x for x in ['a']]", "x = __name__", "x = __file__", "x = dict(a=1)",
            "x = globals()", "x = str(1)", "description = 'a' 'b' + 'c'", "x = f'a'",
            "x = f'{1}'", "x = lambda: 1", "(x := 1)", "x = (y := 2)", "requires = ['a'][:]",
            "timestamp = -0", "x = - 1", "timestamp = 0x5f5e100", "x = ~1", "x = +1.5",
            "x = [1, 2][::-1]", "x = 'abc'[0]", "x = ('a')", "x = (('a'))", "x = 1 if 1 else 2",
            "requires = ['foo',]\nrequires.append('bar')", "x = None or 1", "x = print",
            "x = b'a'", "x = 1j", "len('x')", "...", "x", "custom = custom = 1",
        ]))]
    if category == "injected":
        g.tag("injected-trap")
        return [Stmt.one(pick([
            "scope = 1", "early = 1", "late = None", "include = 'x'", "ModifyList = []",
            "InvalidPackageError = 1", "__builtins__ = {}", "late = globals()['early']",
            "x = globals()['x']", "globals = dict\nlate = globals()['late']",
            "late = globals() ['late']", "late = globals()[\"late\"]", "late = (globals()['late'])",
            "late = globals()['l' 'ate']", "late = globals()[u'late']", "late = globals()[r'late']",
            "late = globals()['\\x6cate']", "early = late = globals()['late']",
            "globals()['requires'] = ['x']", "def globals():\n    return {}\nlate = globals()['late']",
            "late = globals()['late']\nglobals = 1", "scope = globals()['scope']",
            "late = globals()['late'] # lint", "late = globals(x)['late']",
            "late = globals()['late', ]", "late = globals()[f'late']", "scope, = [1]",
            "__builtins__ = __builtins__", "late = globals()['\\N{LATIN SMALL LETTER L}ate']",
            "with scope('config') as globals:\n    globals.a = 1\nlate = globals()['late']",
        ]))]
    if category == "nesting":
        n = pick([63, 64, 65, 100, 199, 201])
        kind = pick(["list", "parens", "ops", "body", "unary"])
        g.tag(f"nesting:{kind}")
        if kind == "list":
            return [Stmt.one(f"custom = {'[' * n}{']' * n}")]
        if kind == "parens":
            return [Stmt.one(f"custom = {'(' * n}1{')' * n}")]
        if kind == "ops":
            return [Stmt.one("custom = 1" + " + 1" * pick([199, 200, 201, 202]))]
        if kind == "unary":
            return [Stmt.one("custom = " + "-" * pick([1, 2, 150, 201]) + "1")]
        return [function(g, "commands", [(1, f"x = {'[' * n}{']' * n}")])]
    if category == "syntax":
        g.tag("syntax-trap")
        return [Stmt.one(pick([
            "print 'x'", "x = 0777", "x = ur'a'", "x = `a`", "x = 1 <> 2", "exec 'x = 1'",
            "x = 12L", "type X = int", "def f[T]():\n    pass", "class C[T]:\n    pass",
            "x = f'{'a'}'", "x = f'{\"\\n\"}'", "x = 'unterminated", "x = [1, 2",
            "x = ", "x = 1 2", "  x = 1", "else:\n    pass", "def f():", "x = 1 \\",
            "caf\u00e9 = 1", "__debug__ = 1", "\uff58 = 1", "\uff52\uff45\uff51\uff55\uff49\uff52\uff45\uff53 = ['foo']",
            "x = 1\n  y = 2", "x = '''a", "x = )", "x = [1,\n2", "if True\n    pass",
            "x = $", "x = 1 # \\", "x = 'a' 'b", "x = '\\", "x = \"\"\"\\\"\"\"\"",
            "print('x'", "x = 1;;", "x = 1\n;", "def commands():\nenv.X = 1",
            "def commands():\n    env.X = 1\n  env.Y = 2", "x = 'a\\\nb'", "x\t= 1",
        ]))]
    raise AssertionError(category)


# ---------------------------------------------------------------------------
# the file: text form and identity


VALID_STEMS = ["pkg", "Foo", "foo_bar", "a.b", "x1", "_u", "UPPER", "p.q.r", "n0"]
INVALID_STEMS = ["foo-", "caf\u00e9", "sp ace", "-x", "a..b", ".hidden", "x+", "a@b"]
VALID_VERSIONS = ["1.0", "1.0.0", "2", "0", "1.0-beta", "1.0-beta2", "01.002", "1_0", "1.a",
                  "v1", "2023.1.5", "1-2", "A", "1.0_rc1", "3.79.3", "10.0", "1.00", "0.0.0.1"]
INVALID_VERSIONS = ["1..0", "1.", ".1", "1+2", "1 0", "-1", "1-", "\u00e91", "1..", "1.0+",
                    "_", "1.0-", "a b", "1@2"]
COOKIES_OK = ["# -*- coding: utf-8 -*-", "# coding=utf8", "# vim: set fileencoding=UTF_8 :",
              "# coding: utf-8-sig", "# -*- coding: UTF-8 -*-", "#coding:u8", "# coding: utf_8"]
COOKIES_TRAP = ["# coding: latin-1", "# -*- coding: iso-8859-15 -*-", "# coding: ascii",
                "# coding: bogus", "# coding: utf-7", "# coding: cp1252", "# coding: utf-16",
                "# coding: utf8-foo", "# coding: euc-jp", "# coding: utf-8", "# coding= latin_1",
                "#!/usr/bin/env python\n# coding: latin-1", "x = 1\n# coding: latin-1",
                "\n\n# coding: latin-1", "# encoding: latin-1", "# coding: UTF8",
                "#!/usr/bin/env python\n# coding: bogus", "#\n# -*- coding: utf-7 -*-",
                "# comment\n# vim: set fileencoding=utf-16 :", "\n# coding: ascii"]
INDENTS = {"4": "    ", "2": "  ", "1": " ", "tab": "\t"}


@dataclass(frozen=True)
class Case:
    """One package file: its directories and bytes (``text`` with ``\\n`` line ends and
    the placeholders FAMILY and VERSION for the directories' names)."""

    stem: str  # the family directory is stem + a number unique in the repository
    version: str  # the version directory
    text: str
    eol: str = "lf"  # lf, crlf, cr, mixed (CRLF and LF), lf-cr (LF and lone CR)
    bom: bool = False
    codec: str = "utf-8"
    beside: str = ""  # old-format release data beside the file: release.yaml, .metadata
    mode: str = "clean"
    category: str = ""  # the trap's category, in trap mode
    tags: tuple = ()

    def data(self, family: str) -> bytes:
        text = self.text.replace(FAMILY, family).replace(VERSION, self.version)
        lines = text.split("\n")
        if self.eol == "lf":
            text = "\n".join(lines)
        elif self.eol == "crlf":
            text = "\r\n".join(lines)
        elif self.eol == "cr":
            text = "\r".join(lines)
        else:
            other = "\r\n" if self.eol == "mixed" else "\r"
            text = "".join(line + ("\n" if i % 3 else other) for i, line in enumerate(lines[:-1]))
            text += lines[-1]
        if self.codec == "latin-1":  # what latin-1 cannot hold becomes "?"
            text = "".join(c if ord(c) < 256 or 0xdc80 <= ord(c) < 0xdd00 else "?" for c in text)
        # lone surrogates \udc80-\udcff stand for bytes that are not UTF-8
        data = text.encode(self.codec, errors="surrogateescape" if self.codec in (
            "utf-8", "latin-1") else "replace")
        return (b"\xef\xbb\xbf" if self.bom else b"") + data

    def write(self, root: Path, family: str) -> Path:
        directory = root / family / self.version
        directory.mkdir(parents=True)
        path = directory / "package.py"
        path.write_bytes(self.data(family))
        if self.beside == "release.yaml":
            (directory / "release.yaml").write_text("timestamp: 1600000000\nrequires: [bar]\n")
        elif self.beside == "release.yaml-bad":
            (directory / "release.yaml").write_text("timestamp: [\n")
        elif self.beside == ".metadata":
            (directory / ".metadata").mkdir()
            (directory / ".metadata" / "release_time.txt").write_text("1600000000\n")
        return path


def render(g: Gen, stmts: list[Stmt], trailing: bool) -> str:
    """The module's text: statements with blank lines and comments between them."""
    style = g.indent_style

    def indent(depth: int) -> str:
        if style in INDENTS:
            return INDENTS[style] * depth
        if style == "mixed":  # consistent: a tab, then spaces
            return ("\t" + "    " * (depth - 1)) if depth else ""
        return g.pick(["\t" * depth, "        " * depth])  # "bad": tabs against spaces

    out: list[str] = []
    i = 0
    while i < len(stmts):
        stmt = stmts[i]
        sep = g.weighted((8, ""), (4, "\n"), (1, "\n\n"), (1, "# a comment\n"),
                         (1, "    # indented comment\n"), (1, "# requires = ['fake']\n"))
        if out and sep:
            out.append(sep.rstrip("\n"))
            if sep.count("\n") > 1:
                out.append("")
        lines = [indent(d) + text for d, text in stmt.lines]
        if stmt.simple and i + 1 < len(stmts) and stmts[i + 1].simple and g.chance(5):
            g.tag("text:semicolon")
            lines = [lines[0] + "; " + stmts[i + 1].lines[0][1]]
            i += 1
        if stmt.simple and trailing and g.chance(10):
            lines[-1] += g.pick(["  # comment", " #", "  # 'quote", "\t# tab", "  # \u00e9",
                                 "   "])
        out.extend(lines)
        i += 1
    return "\n".join(out)


def text_form(g: Gen, trap: bool) -> dict:
    form: dict = {"eol": g.weighted((16, "lf"), (4, "crlf"), (1, "cr"), (1, "mixed")),
                  "bom": g.chance(4), "codec": "utf-8", "head": [], "tail": "\n"}
    g.indent_style = g.weighted((10, "4"), (2, "2"), (2, "tab"), (1, "1"), (1, "mixed"))
    if g.chance(40):
        form["head"].append(g.pick(COOKIES_OK))
        g.tag("text:cookie")
    if g.chance(5):
        form["head"].insert(0, "#!/usr/bin/env python")
    form["tail"] = g.weighted((16, "\n"), (2, ""), (1, "\n\n\n"), (1, "\n# trailing comment"),
                              (1, "  # comment, no newline"), (1, "\n\x0c\n"), (1, "\n   "))
    if trap:
        kind = g.pick(["cookie", "cookie", "latin-1", "invalid-utf8", "control", "eol",
                       "indent", "bom-cookie", "utf-16", "form-feed"])
        g.tag(f"text-trap:{kind}")
        if kind == "cookie":
            form["head"] = [g.pick(COOKIES_TRAP)]
        elif kind == "latin-1":
            form["head"] = [g.pick(["# -*- coding: latin-1 -*-", "# coding: cp1252"])]
            form["codec"] = "latin-1"
            form["extra"] = "description = 'caf\u00e9'"
        elif kind == "invalid-utf8":
            form["extra"] = g.pick(["# \udcff", "x = '\udce9'", "description = '\udcc3\udca9'",
                                    "# \udcc3"])
        elif kind == "control":
            form["extra"] = g.pick(["x = '\x00'", "# \x1b", "x = '\x7f'", "x = 1\x0b",
                                    "x = '\x1f'", "\x00"])
        elif kind == "eol":
            form["eol"] = g.pick(["cr", "lf-cr", "mixed"])
            form["extra"] = g.pick(["def commands():\n    env.X = 1",
                                    "description = '''a\nb'''", "x = 'a\\\nb'"])
        elif kind == "indent":
            g.indent_style = "bad"
            form["extra"] = "def commands():\n    x = 1\n    y = 2"
        elif kind == "bom-cookie":
            form["bom"] = True
            form["head"] = [g.pick(["# coding: utf8", "# coding: latin-1", "# coding: utf-8",
                                    "# coding: u8", "# coding: UTF-8"])]
        elif kind == "utf-16":
            form["codec"] = "utf-16"
        else:
            form["extra"] = g.pick(["\x0cx = 1", "def commands():\n\x0c    pass",
                                    "def commands():\n    \x0cpass", "x = 1\n\x0c\ny = 2"])
    return form


def identity(g: Gen, trap: bool) -> tuple[str, str, Optional[Stmt], Optional[Stmt]]:
    """The directories, and the file's own name and version statements."""
    stem, version = g.pick(VALID_STEMS), g.pick(VALID_VERSIONS)

    def quoted(placeholder: str) -> Src:
        prefix, quote = g.weighted((8, ("", "'")), (4, ("", '"')), (1, ("u", "'")),
                                   (1, ("r", '"')), (1, ("", '"""')))
        return Src(prefix + quote + placeholder + quote)

    name_value: Any = quoted(FAMILY)
    version_value: Any = quoted(VERSION)
    if g.chance(8):
        name_value = g.pick(["other", "Foo", "a.b"])
        g.tag("identity:other-name")
    if g.chance(8):
        version_value = g.pick(["9.9", "1.0", "0"])
        g.tag("identity:other-version")
    if trap:
        kind = g.pick(["stem", "version-dir", "version-dir", "name", "version", "missing"])
        g.tag(f"identity-trap:{kind}")
        if kind == "stem":
            stem = g.pick(INVALID_STEMS)
        elif kind == "version-dir":
            version = g.pick(INVALID_VERSIONS)
        elif kind == "name":
            name_value = bad_value(g, "name")
        elif kind == "version":
            version_value = bad_value(g, "version")
        else:
            name_value = version_value = None
    name_stmt = None if name_value is None or g.chance(4) else \
        assign(g, "name", name_value, chain=False)
    version_stmt = None if version_value is None or g.chance(4) else \
        assign(g, "version", version_value, chain=False)
    return stem, version, name_stmt, version_stmt


# the trap categories, and how often each is drawn in trap mode
TRAPS = {
    "string": 3, "escape": 3, "number": 2, "container": 2, "requirement": 4, "schema": 5,
    "body": 6, "blocks": 4, "params": 3, "fstring": 4, "elif": 1, "defname": 3, "scope": 4,
    "import": 3, "control": 2, "statement": 2, "expression": 2, "injected": 3, "nesting": 2,
    "syntax": 3, "text": 4, "identity": 3, "timestamp": 2,
}


@st.composite
def cases(draw: Any) -> Case:
    """A package file (see the module's docstring)."""
    g = Gen(random.Random(int.from_bytes(draw(st.binary(min_size=16, max_size=16)), "big")))
    mode = g.weighted(*[(w, m) for m, w in MODES])
    category = g.weighted(*[(w, c) for c, w in TRAPS.items()]) if mode == "trap" else ""

    def trap(cat: str) -> bool:
        return category == cat or (mode == "chaos" and g.chance(15))

    form = text_form(g, trap("text"))
    stem, version, name_stmt, version_stmt = identity(g, trap("identity"))
    stmts = [clean_statement(g) for _ in range(g.int(1, 7))]
    if mode == "chaos":
        for _ in range(g.int(1, 3)):
            cat = g.pick([c for c in TRAPS if c not in ("text", "identity", "timestamp")])
            stmts[g.int(0, len(stmts) - 1):0] = trap_statement(g, cat)
    elif category and category not in ("text", "identity", "timestamp"):
        stmts[g.int(0, len(stmts)):0] = trap_statement(g, category)
    if form.get("extra"):
        stmts.insert(g.int(0, len(stmts)), Stmt([(0, form["extra"])]))
    beside = ""
    timestamp: Optional[Stmt] = assign(g, "timestamp", g.pick([1600129484, 1700000000, 0, 1]))
    timestamp_trap = trap("timestamp")
    if timestamp_trap or g.chance(5):
        timestamp = None
        beside = g.weighted((3, ""), (2, "release.yaml"), (1, "release.yaml-bad"),
                            (1, ".metadata")) if timestamp_trap else ""
        g.tag(f"timestamp:absent{'+' + beside if beside else ''}")
    # rez writes name and version first and timestamp near the end; sometimes shuffled
    head = [s for s in (name_stmt, version_stmt) if s]
    tail = [timestamp] if timestamp else []
    if g.chance(10):
        tail.append(assign(g, "format_version", 2))
    body = head + stmts + tail
    if g.chance(15):
        g.tag("order:shuffled")
        for i in range(len(body) - 1, 0, -1):
            j = g.int(0, i)
            body[i], body[j] = body[j], body[i]
    if g.chance(8):
        body.insert(0, Stmt.one(g.pick(DOCS)))
    text = "\n".join(form["head"] + [render(g, body, trailing=True)]) + form["tail"]
    g.tag(f"mode:{mode}", f"eol:{form['eol']}", f"indent:{g.indent_style}")
    if form["bom"]:
        g.tag("text:bom")
    return Case(stem=stem, version=version, text=text, eol=form["eol"], bom=form["bom"],
                codec=form["codec"], beside=beside, mode=mode, category=category,
                tags=tuple(sorted(g.tags)))


def generate(count: int, seed: int) -> list[Case]:
    """`count` cases, the same ones for the same seed (and version of hypothesis)."""
    out: list[Case] = []

    @hypothesis_seed(seed)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def collect(case: Case) -> None:
        out.append(case)

    collect()
    return out[:count]


# ---------------------------------------------------------------------------
# running the two sides


def default_read_bin() -> Path:
    return harness.example_bin("PYRER_READ_BIN", "pyrer-reader", "read")


def default_rez_python() -> str:
    return os.environ.get("PYRER_REZ_PYTHON") or str(harness.REPO / ".venv" / "bin" / "python")


def family_of(case: Case, index: int) -> str:
    return f"{case.stem}{index}"


@dataclass
class Outcome:
    """What the reader and rez made of one case."""

    case: Case
    family: str
    record: dict  # the reader's
    rez_value: Optional[tuple]  # (name, version, requires, variants) where rez loads it
    rez_error: Optional[str]
    divergence: Optional[str] = None
    # a divergence that went away where rez loaded the file alone (in a new process):
    # what rez made of it depended on the files loaded before it
    order_dependent: bool = False

    @property
    def read(self) -> bool:
        return self.record["ours"] is not None

    @property
    def reason(self) -> str:
        return self.record["reason"] or ""


def run_cases(cases_: list[Case], read_bin: Path, rez_python: str, root: Path) -> list[Outcome]:
    """Writes `cases_` into the repository `root` (created) and has both sides read them."""
    root.mkdir(parents=True)
    families = []
    for i, case in enumerate(cases_):
        family = family_of(case, i)
        case.write(root, family)
        families.append(family)
    reader = tsr.run_reader(read_bin, root, rez_python)
    rez = tsr.run_rez(rez_python, root, REZ_SHARDS)
    assert len(reader) == len(cases_), f"the reader read {len(reader)} of {len(cases_)} files"
    outcomes = []
    for case, family in zip(cases_, families):
        key = (family, case.version)
        record = reader[key]
        value, error = tsr.rez_says(rez, family, case.version)
        bad = tsr.divergences({key: record}, rez, "ours")
        outcomes.append(Outcome(case, family, record, value, error, bad[0] if bad else None))
    return outcomes


def signature(outcome: Outcome) -> Optional[tuple]:
    """What kind of divergence `outcome` is (None: none): rez's error, its digits and
    names blanked, or which of name, version, requires, variants differ."""
    if outcome.divergence is None:
        return None
    if outcome.rez_error is not None:
        first = outcome.rez_error.splitlines()[0] if outcome.rez_error else ""
        first = first.replace(outcome.family, "FAMILY")
        first = re.sub(r"/\S*", "PATH", first)
        first = re.sub(r"\d+", "N", first)
        return ("rez fails", first[:200])
    ours = outcome.record["ours"]
    claimed = (outcome.family, outcome.case.version, ours["requires"], ours["variants"])
    return ("values differ",) + tuple(i for i, (a, b) in enumerate(zip(claimed, outcome.rez_value))
                                      if a != b)


@dataclass
class Report:
    outcomes: list
    seconds: dict = field(default_factory=dict)
    minimised: dict = field(default_factory=dict)  # outcome index -> minimal Case

    @property
    def divergences(self) -> list[Outcome]:
        """Files the reader reads where rez's load of the file alone fails or differs."""
        return [o for o in self.outcomes if o.divergence and not o.order_dependent]

    @property
    def order_dependent(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.divergence and o.order_dependent]

    @property
    def read(self) -> int:
        return sum(o.read for o in self.outcomes)

    @property
    def refusals(self) -> Counter:
        return Counter(o.reason for o in self.outcomes if not o.read)

    @property
    def rez_failures(self) -> int:
        return sum(o.rez_error is not None for o in self.outcomes)

    @property
    def rez_fails_refused(self) -> int:
        return sum(o.rez_error is not None and not o.read for o in self.outcomes)

    def summary(self) -> list[str]:
        n = len(self.outcomes)
        pct = lambda k: f"{k} ({100.0 * k / max(n, 1):.1f}%)"  # noqa: E731
        modes = Counter(o.case.mode for o in self.outcomes)
        secs = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        lines = [
            f"files: {n} ({', '.join(f'{m} {modes[m]}' for m, _ in MODES)}); {secs}",
            f"read by the reader: {pct(self.read)}, divergences from rez: "
            f"{len(self.divergences)}"
            + (f" (and {len(self.order_dependent)} where rez's load depended on the files "
               "loaded before)" if self.order_dependent else ""),
            f"rez's load fails: {pct(self.rez_failures)}, of which the reader refuses "
            f"{self.rez_fails_refused}",
            f"refused where rez loads: {sum(not o.read and o.rez_error is None for o in self.outcomes)}",
            "refusals by reason (files; of which rez's load fails):",
        ]
        fails = Counter(o.reason for o in self.outcomes if not o.read and o.rez_error)
        for reason, count in sorted(self.refusals.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {reason}: {count}; {fails[reason]}")
        lines.append("trap categories (files; read; rez's load fails):")
        for cat in TRAPS:
            of = [o for o in self.outcomes if o.case.category == cat]
            lines.append(f"  {cat}: {len(of)}; {sum(o.read for o in of)}; "
                         f"{sum(o.rez_error is not None for o in of)}")
        return lines

    def tag_table(self) -> list[str]:
        stats: dict = defaultdict(lambda: [0, 0, 0])
        for o in self.outcomes:
            for tag in o.case.tags:
                s = stats[tag]
                s[0] += 1
                s[1] += o.read
                s[2] += o.rez_error is not None
        lines = ["tags (files; read; rez's load fails):"]
        lines += [f"  {tag}: {a}; {b}; {c}" for tag, (a, b, c) in sorted(stats.items())]
        return lines

    def divergence_text(self, limit: Optional[int] = 20) -> list[str]:
        lines: list[str] = []
        shown = [(i, o) for i, o in enumerate(self.outcomes) if o.divergence]
        for i, o in shown[:limit]:
            what = "ORDER-DEPENDENT (rez loads the file alone as the reader reads it)" \
                if o.order_dependent else "DIVERGENCE"
            lines.append(f"{what} ({o.case.mode} {o.case.category}): {o.divergence}")
            lines.append(f"  rez: {o.rez_error or o.rez_value}")
            lines += describe(o.case, o.family)
            small = self.minimised.get(i)
            if small is not None:
                lines.append("  minimised:")
                lines += describe(small, family_of(small, 0))
        return lines


def show(data: bytes) -> list[str]:
    """A file's bytes as readable lines: each line's end shown as <LF>, <CRLF> or <CR>,
    other characters that do not print as <U+XXXX>, bytes that are not UTF-8 as <xNN>."""
    text = data.decode("utf-8", "surrogateescape")
    out = []
    for line in re.findall(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if not line:
            continue
        body = line.rstrip("\r\n")
        end = {"\r\n": "<CRLF>", "\r": "<CR>", "\n": "<LF>", "": ""}[line[len(body):]]
        shown = "".join(
            c if c == "\t" or (c.isprintable() and c != "<") else
            "<lt>" if c == "<" else
            f"<x{ord(c) - 0xdc00:02X}>" if 0xdc80 <= ord(c) < 0xdd00 else
            f"<U+{ord(c):04X}>" for c in body)
        out.append("    | " + shown + end)
    return out


def describe(case: Case, family: str) -> list[str]:
    fields = [f"{case.stem!r}+N/{case.version!r}"]
    for key in ("eol", "codec", "beside"):
        value = getattr(case, key)
        if value not in ("lf", "utf-8", ""):
            fields.append(f"{key}={value}")
    if case.bom:
        fields.append("BOM")
    return [f"  file {' '.join(fields)}:"] + show(case.data(family))


def run(cases_: Any, seed: int = SEED, *, read_bin: Optional[Path] = None,
        rez_python: Optional[str] = None, workdir: Optional[Path] = None,
        minimise_divergences: bool = True) -> Report:
    """Generates `cases_` cases (a number, or the cases) with `seed`, has the reader
    and rez read them from one repository, and reports."""
    read_bin = read_bin or default_read_bin()
    rez_python = rez_python or default_rez_python()
    start = time.monotonic()
    generated = generate(cases_, seed) if isinstance(cases_, int) else list(cases_)
    seconds = {"generation": time.monotonic() - start}
    with tempfile.TemporaryDirectory(prefix="reader-generative-", dir=workdir) as scratch:
        start = time.monotonic()
        outcomes = run_cases(generated, read_bin, rez_python, Path(scratch) / "repo")
        seconds["reader and rez"] = time.monotonic() - start
        report = Report(outcomes, seconds)
        confirm(report, read_bin, rez_python, Path(scratch))
        if minimise_divergences and report.divergences:
            start = time.monotonic()
            seen: set = set()
            for i, o in enumerate(outcomes):
                sig = signature(o) if not o.order_dependent else None
                if sig and sig not in seen and len(seen) < 10:
                    seen.add(sig)
                    report.minimised[i] = minimise(o, read_bin, rez_python, Path(scratch))
            seconds["minimising"] = time.monotonic() - start
    return report


def confirm(report: Report, read_bin: Path, rez_python: str, scratch: Path,
            limit: int = 40) -> None:
    """Has rez load each divergent file alone, in a new process: one rez process
    loads many files, and a file can change what rez makes of the files after it
    (e.g. by setting an attribute of a class of rez's)."""
    for n, o in enumerate([o for o in report.outcomes if o.divergence][:limit]):
        [alone] = run_cases([o.case], read_bin, rez_python, scratch / f"alone-{n}")
        o.order_dependent = alone.divergence is None


# ---------------------------------------------------------------------------
# minimising a divergence


def _candidates(case: Case) -> Iterable[Case]:
    """Smaller or plainer variants of `case`."""
    for simpler in (dict(eol="lf"), dict(bom=False), dict(codec="utf-8"), dict(beside=""),
                    dict(stem="pkg"), dict(version="1.0")):
        if any(getattr(case, k) != v for k, v in simpler.items()):
            yield replace(case, **simpler)
    lines = case.text.split("\n")
    size = max(len(lines) // 2, 1)
    while size >= 1:
        for start in range(0, len(lines), size):
            rest = lines[:start] + lines[start + size:]
            if rest != lines:
                yield replace(case, text="\n".join(rest))
        size //= 2


def minimise(outcome: Outcome, read_bin: Path, rez_python: str, scratch: Path,
             rounds: int = 60) -> Case:
    """The smallest case found that diverges as `outcome` does: each round tries every
    candidate of the current case in one repository, and keeps the first that still
    diverges the same way."""
    want = signature(outcome)
    case = outcome.case
    for n in range(rounds):
        candidates = list(dict.fromkeys(_candidates(case)))
        if not candidates:
            break
        outcomes = run_cases(candidates, read_bin, rez_python, scratch / f"min-{id(outcome)}-{n}")
        smaller = [o.case for o in outcomes if signature(o) == want]
        if not smaller:
            break
        case = smaller[0]
    return case


# ---------------------------------------------------------------------------


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=600, help="generated files (default 600)")
    ap.add_argument("--seed", type=int, default=SEED,
                    help=f"hypothesis's seed (default {SEED}, the pytest sample's)")
    ap.add_argument("--tags", action="store_true", help="print how often each tag occurs")
    ap.add_argument("--no-minimise", action="store_true", help="show divergences as generated")
    ap.add_argument("--show", type=int, default=None, help="divergences shown (default all)")
    args = ap.parse_args(argv)
    report = run(args.cases, args.seed, minimise_divergences=not args.no_minimise)
    lines = report.divergence_text(args.show)
    if args.tags:
        lines += report.tag_table()
    lines += report.summary()
    print("\n".join(lines))
    return 1 if report.divergences else 0


if __name__ == "__main__":
    sys.exit(main())
