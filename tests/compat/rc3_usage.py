"""What a user of PyPI's pyrer 1.0.0rc3 (doubleailes/rer's rez solver bridge) might write.

It runs unchanged under rc3 and under our pyrer, and prints a transcript: one JSON object
a line, ``{"case": ..., ...}`` with sorted keys, holding everything observable except the
timings (only their type and sign are recorded). tests/python/test_rc3_peer.py runs it
under both and compares the transcripts (tests/compat/compare.py). The script itself
asserts nothing about results; it exits 0 unless it crashes.

A record may carry ``"allow": [rule, ...]``, naming the allowlisted differences of
compare.py that may apply to it (the rules and their reasons are listed there):
``pyo3-wording`` (a message worded by PyO3's argument conversion, not by rc3's code),
``panic`` (rc3 panics inside rer on an invalid request or version; ``culprit`` is what a
clear message of ours names) and ``module-name`` (a message naming rc3's SolveResult class,
which rc3 places in module ``builtins``).

Usage: ``python rc3_usage.py`` (no arguments, no files; temporary files are removed).
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import math
import os
import pathlib
import pickle
import re
import sys
import tempfile

import pyrer

RC3_NAMES = ["PackageData", "ResolvedVariant", "SolveResult", "parse_static_package_py",
             "parse_static_packages_py", "solve"]
PD = pyrer.PackageData


def emit(case: str, **fields) -> None:
    print(json.dumps(dict(fields, case=case), sort_keys=True), flush=True)


def typesig(x) -> str:
    if isinstance(x, (list, tuple)):
        return f"{type(x).__name__}[{','.join(typesig(e) for e in x)}]"
    return type(x).__name__


def time_ok(r) -> bool:
    t = r.solve_time_ms
    return type(t) is float and math.isfinite(t) and t >= 0.0


def variant(v) -> dict:
    return {"type": type(v).__name__, "name": v.name, "version": v.version,
            "variant_index": v.variant_index, "requires": v.requires, "uri": v.uri,
            "repr": repr(v), "str": str(v),
            "types": typesig([v.name, v.version, v.variant_index, v.requires, v.uri])}


def result(r) -> dict:
    rep = repr(r)
    m = re.search(r"solve_time_ms=([0-9.]+)\)$", rep)
    return {
        "type": type(r).__name__, "status": r.status,
        "resolved": [list(t) for t in r.resolved],
        "resolved_types": sorted({typesig(t) for t in r.resolved}),
        "resolved_packages": [variant(v) for v in r.resolved_packages],
        "resolved_ephemerals": r.resolved_ephemerals,
        "ephemerals_type": typesig(r.resolved_ephemerals),
        "failure_description": r.failure_description,
        "num_iterations": r.num_iterations,
        "num_iterations_type": type(r.num_iterations).__name__,
        "time_ok": time_ok(r),
        # the time in the repr is solve_time_ms to 2 decimals; the rest is recorded verbatim
        "repr": re.sub(r"solve_time_ms=[0-9.]+\)$", "solve_time_ms=<t>)", rep),
        "repr_time_ok": bool(m) and m.group(1) == f"{r.solve_time_ms:.2f}",
    }


def package(p) -> dict:
    return {"type": type(p).__name__, "repr": repr(p), "name": p.name, "version": p.version,
            "requires": p.requires, "variants": p.variants,
            "types": typesig([p.name, p.version, p.requires, p.variants])}


def describe(x):
    if isinstance(x, pyrer.SolveResult):
        return result(x)
    if isinstance(x, PD):
        return package(x)
    if isinstance(x, pyrer.ResolvedVariant):
        return variant(x)
    if isinstance(x, list):
        return {"list": [describe(e) for e in x]}
    if x is None or isinstance(x, (bool, int, float, str, dict)):
        return {"value": x}
    return {"other": type(x).__name__}


def attempt(case: str, fn, allow=(), **extra) -> None:
    """Records fn()'s described value, or the exception it raised (type and message)."""
    if allow:
        extra["allow"] = list(allow)
    try:
        value = fn()
    except Exception as err:  # noqa: BLE001 - recording what is raised is the point
        emit(case, raised={"exc": type(err).__name__, "msg": str(err)}, **extra)
    else:
        emit(case, returned=describe(value), **extra)


W = ("pyo3-wording",)
RAISES = ("rez-raises",)  # rez raises here; rc3 fails (compare.py)
M = ("module-name",)
G = ("static-guard",)

# --- the module --------------------------------------------------------------------------

emit("module.names", has_rc3_names=all(n in pyrer.__all__ for n in RC3_NAMES),
     attributes={n: callable(getattr(pyrer, n, None)) for n in RC3_NAMES},
     classes={n: isinstance(getattr(pyrer, n, None), type)
              for n in ("PackageData", "ResolvedVariant", "SolveResult")})


# rc3's parameters (names in order); ours may add parameters a call written for rc3 never
# needs to pass (with defaults, after rc3's positional ones)
RC3_PARAMS = {
    "solve": ["package_requests", "packages", "load_family", "variant_select_mode", "filters",
              "max_iterations"],
    "parse_static_package_py": ["source"], "parse_static_packages_py": ["paths"],
    "PackageData": ["name", "version", "requires", "variants"],
    "PackageData.from_rez": ["pkg"],
    "PackageData.from_strings": ["name", "version", "requires", "variants"],
}


def contract(fn, names) -> dict:
    """How fn takes rc3's parameters (kind and default; annotations left out), and which
    parameters of its own would break a call written for rc3."""
    P = inspect.Parameter
    params = inspect.signature(fn).parameters
    listed = list(params)
    last_rc3_positional = max((listed.index(n) for n in names if n in params
                               and params[n].kind in (P.POSITIONAL_ONLY,
                                                      P.POSITIONAL_OR_KEYWORD)), default=-1)
    breaking = [n for i, (n, p) in enumerate(params.items()) if n not in names and (
        (p.default is P.empty and p.kind not in (P.VAR_POSITIONAL, P.VAR_KEYWORD))
        or (p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD) and i < last_rc3_positional))]
    return {"rc3_params": [[n, params[n].kind.name,
                            None if params[n].default is P.empty else repr(params[n].default)]
                           if n in params else [n, "missing", None] for n in names],
            "order": [n for n in listed if n in names], "breaking_extras": breaking}


for label, names in RC3_PARAMS.items():
    owner, _, meth = label.partition(".")
    target = getattr(pyrer, owner)
    attempt(f"module.signature.{label}",
            lambda target=target, meth=meth, names=names:
            contract(getattr(target, meth) if meth else target, names))
emit("module.function_names", names=[pyrer.solve.__name__,
                                     pyrer.parse_static_package_py.__name__,
                                     pyrer.parse_static_packages_py.__name__])

# --- PackageData -------------------------------------------------------------------------

attempt("pd.full", lambda: PD("foo", "1.0", ["bar-1+", "~baz"], [["python-2"], ["python-3"]]))
attempt("pd.defaults", lambda: PD("foo", "1.0"))
attempt("pd.none", lambda: PD("foo", "1.0", None, None))
attempt("pd.empty_lists", lambda: PD("foo", "1.0", [], []))
attempt("pd.keywords", lambda: PD(name="foo", version="1.0", requires=["a"], variants=[["b"]]))
attempt("pd.tuples", lambda: PD("foo", "1.0", ("a", "b"), [("x", "y"), ("z",)]))
attempt("pd.empty_strings", lambda: PD("", ""))
attempt("pd.odd_strings", lambda: PD("a b", "1.0 x", ["it's", "x y"], [["!!"]]))
attempt("pd.unicode", lambda: PD("föö", "1.0", ["bär"]))
attempt("pd.err.no_version", lambda: PD("foo"))
attempt("pd.err.no_args", lambda: PD())
attempt("pd.err.five_args", lambda: PD("foo", "1.0", [], [], 5))
attempt("pd.err.unknown_kw", lambda: PD("foo", "1.0", foo=1))
attempt("pd.err.requires_str", lambda: PD("foo", "1.0", "bar"), W)
attempt("pd.err.variants_str", lambda: PD("foo", "1.0", ["a"], "xy"), W)
attempt("pd.err.variants_flat", lambda: PD("foo", "1.0", ["a"], ["xy"]), W)
attempt("pd.err.variants_ints", lambda: PD("foo", "1.0", [], [1]), W)
attempt("pd.err.name_int", lambda: PD(1, "1.0"), W)
attempt("pd.err.version_int", lambda: PD("foo", 1), W)
attempt("pd.err.version_none", lambda: PD("foo", None), W)
attempt("pd.err.requires_int", lambda: PD("foo", "1.0", [1]), W)
attempt("pd.err.requires_iterator", lambda: PD("foo", "1.0", iter(["a"])), W)

a = PD("foo", "1.0", ["bar-1+"], [["python-2"], ["python-3"]])
twin = PD("foo", "1.0", ["bar-1+"], [["python-2"], ["python-3"]])
emit("pd.identity", self_eq=a == a, twin_eq=a == twin, twin_ne=a != twin,
     hash_int=isinstance(hash(a), int), hash_stable=hash(a) == hash(a),
     set_len=len({a, twin, a}), dict_len=len({a: 1, twin: 2}))
attempt("pd.lt", lambda: a < twin)
attempt("pd.pickle", lambda: pickle.dumps(a))
attempt("pd.copy", lambda: copy.copy(a))
attempt("pd.deepcopy", lambda: copy.deepcopy(a))
attempt("pd.subclass", lambda: type("Sub", (PD,), {}))
attempt("pd.unknown_attr_set", lambda: setattr(a, "other", 1))
attempt("pd.unknown_attr_get", lambda: a.other)
attempt("pd.del_name", lambda: delattr(a, "name"), W)
attempt("pd.del_requires", lambda: delattr(a, "requires"), W)

m = PD("foo", "1.0", ["bar-1+"], [["python-2"], ["python-3"]])
got = m.requires
got.append("mutated")
emit("pd.getter_copies", requires=m.requires, variants_again=m.variants == m.variants,
     same_list_object=m.requires is m.requires)
for attr, value in [("name", "zzz"), ("version", "2.0"), ("requires", ["q-1", "r"]),
                    ("requires", ("t",)), ("variants", [["v-1"]]), ("variants", [])]:
    attempt(f"pd.set.{attr}.{typesig(value)}",
            lambda attr=attr, value=value: (setattr(m, attr, value), m)[1])
for attr, value in [("name", 5), ("version", None), ("requires", "abc"), ("requires", None),
                    ("requires", [1]), ("variants", "x"), ("variants", None), ("variants", [1]),
                    ("variants", [[1]])]:
    attempt(f"pd.set_err.{attr}.{typesig(value)}",
            lambda attr=attr, value=value: setattr(m, attr, value), W)
emit("pd.after_set_errors", pd=package(m))

attempt("pd.from_strings", lambda: PD.from_strings("a", "1", ["x"], [["y"]]))
attempt("pd.from_strings.none", lambda: PD.from_strings("a", "1", None, None))
attempt("pd.from_strings.defaults", lambda: PD.from_strings("a", "1"))
attempt("pd.from_strings.keywords",
        lambda: PD.from_strings(name="a", version="1", requires=None, variants=None))
attempt("pd.from_strings.on_instance", lambda: PD("x", "0").from_strings("b", "2"))
attempt("pd.from_strings.err.missing", lambda: PD.from_strings("a"))
attempt("pd.from_strings.err.requires_str", lambda: PD.from_strings("a", "1", "x"), W)
attempt("pd.from_strings.err.version_int", lambda: PD.from_strings("a", 1), W)


class Version:  # like rez.version.Version: not a str, but str() gives the version
    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


class Requirement:  # like rez's Requirement: str() gives the request string
    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


class RezPackage:  # what from_rez reads: name, version, requires, variants
    def __init__(self, name, version, requires, variants):
        self.name, self.version, self.requires, self.variants = name, version, requires, variants


class NoStr:
    def __str__(self):
        raise RuntimeError("no str for you")


attempt("pd.from_rez", lambda: PD.from_rez(RezPackage(
    "foo", Version("1.2"), [Requirement("a-1"), "b"], [[Requirement("c")], ["d"]])))
attempt("pd.from_rez.none", lambda: PD.from_rez(RezPackage("foo", "1", None, None)))
attempt("pd.from_rez.keyword", lambda: PD.from_rez(pkg=RezPackage("foo", "1", [], [])))
attempt("pd.from_rez.stringifies", lambda: PD.from_rez(RezPackage("foo", 3, [1, None], [(2,)])))
attempt("pd.from_rez.str_fields", lambda: PD.from_rez(RezPackage("foo", None, "abc", "de")))
attempt("pd.from_rez.iterators",
        lambda: PD.from_rez(RezPackage("foo", "1", (r for r in ["a"]), iter([["b"]]))))
attempt("pd.from_rez.err.name_not_str",
        lambda: PD.from_rez(RezPackage(Version("foo"), "1", [], [])), W)
attempt("pd.from_rez.err.str_raises", lambda: PD.from_rez(RezPackage("foo", NoStr(), [], [])))
attempt("pd.from_rez.err.missing_attr", lambda: PD.from_rez(Version("x")))
attempt("pd.from_rez.err.none", lambda: PD.from_rez(None))
attempt("pd.from_rez.err.no_args", lambda: PD.from_rez())

# --- solve over a list of PackageData ----------------------------------------------------

REPO = [
    PD("python", "2.7"), PD("python", "3.9"),
    PD("lib", "1.0", ["python-2"]), PD("lib", "2.0.0", ["python"]),
    PD("t", "1.0", ["lib"], [["python-2"], ["python-3"]]),
    PD("app", "1.0", ["lib-2", "~tool-1"]), PD("app", "2.0", ["lib-1", "!old"]),
    PD("tool", "1.0"), PD("tool", "2.0"), PD("old", "1.0"),
    PD("needs_missing", "1.0", ["ghost-1"]),
    PD("eph", "1.0", [".feature-1+"]), PD("eph", "2.0", [".feature-2+<3", ".mode-debug"]),
    PD("evar", "1.0", [], [[".e-1"], [".e-2"]]),
    PD("a", "1"), PD("a", "2"), PD("b", "1"),
    PD("foo", "1.0", [], [["a-2"], ["a-1", "b"]]),
]


def solve(case, requests, packages=REPO, allow=(), culprit=None, **kwargs):
    extra = {"requests": requests}
    if culprit is not None:
        extra["culprit"] = culprit
    attempt(case, lambda: pyrer.solve(requests, packages, **kwargs), allow, **extra)


for mode in ("version_priority", "intersection_priority"):
    for req in (["foo", "a", "b"], ["foo", "b"], ["foo"], ["t"], ["t", "python-2"], ["evar"],
                ["evar", ".e-1"]):
        solve(f"solve.mode.{mode}.{' '.join(req)}", req, variant_select_mode=mode)

solve("solve.simple", ["python"])
solve("solve.tuple_requests", ("python", "lib"))
solve("solve.no_variants_dep", ["lib"])
solve("solve.variant_dep", ["t"])
solve("solve.app_newest", ["app"])
solve("solve.app_2_excludes_old", ["app-2", "old"])
solve("solve.weak_unused", ["~tool-1"])
solve("solve.weak_constrains", ["app-1", "tool"])
solve("solve.weak_conflicts", ["app-1", "tool-2"])
solve("solve.weak_missing_family", ["~ghost", "python"])
solve("solve.conflict_request", ["python-2", "!python"])
solve("solve.conflict_unused", ["!python-3", "t"])
solve("solve.conflict_missing_family", ["!ghost"])
solve("solve.two_requests_one_family", ["python", "python-2"])
solve("solve.version_ops", ["python==2.7"])
solve("solve.version_or", ["python-2.7|3.9"])
solve("solve.version_range", ["python-2+<3"])
solve("solve.version_lt", ["python<3"])
solve("solve.version_ge", ["python>=2.8"])
solve("solve.version_at", ["python@2"])
solve("solve.ephemeral_only", [".feature-1.5"])
solve("solve.ephemeral_intersected", [".feature-1+", ".feature-<2", "t"])
solve("solve.ephemeral_from_package", ["eph"])
solve("solve.ephemeral_picks_version", ["eph", ".feature-1"])
solve("solve.ephemeral_conflict", [".feature-1", ".feature-2"])
solve("solve.ephemeral_vs_package", ["eph-2", ".feature-3"])
solve("solve.ephemeral_weak", ["~.feature-1"], allow=RAISES)
solve("solve.ephemeral_not", ["!.feature-1"], allow=RAISES)
solve("solve.empty_request", [])
solve("solve.empty_request_no_packages", [], None)
solve("solve.empty_packages", ["python"], [], allow=RAISES)
solve("solve.packages_none", ["python"], None, allow=RAISES)
solve("solve.packages_tuple", ["python"], tuple(REPO))
solve("solve.fail.missing_family", ["nope"], allow=RAISES)
solve("solve.fail.missing_version", ["python-9"], allow=RAISES)
solve("solve.fail.empty_range", ["python-3+<2.8"], allow=RAISES)
solve("solve.fail.dep_conflict", ["t", "lib-1", "python-3"])
solve("solve.fail.missing_dep_family", ["needs_missing"], allow=RAISES)
solve("solve.fail.empty_name", [""], allow=RAISES)
solve("solve.fail.space_in_request", ["python bar"], allow=RAISES)
solve("solve.fail.case", ["PYTHON"], allow=RAISES)
solve("solve.duplicate_package", ["python"], [PD("python", "1.0"), PD("python", "1.0")])
solve("solve.not_duplicate", ["python"], [PD("python", "1.0"), PD("python", "1.0.0")])
for req in ("a==", "bad-!!request", "python-1+<", "python-[", "python-2.7."):
    solve(f"solve.invalid_request.{req}", [req], allow=("panic",), culprit=req)
solve("solve.invalid_requirement_in_package", ["app"], [PD("app", "1.0", ["lib-!!"])],
      allow=("panic",), culprit="lib-!!")

m = PD("mut", "1.0", ["python-3"])
r1 = pyrer.solve(["mut"], REPO + [m])
m.version, m.requires = "2.0", ["python-2"]
r2 = pyrer.solve(["mut"], REPO + [m])
emit("solve.after_mutation", before=result(r1), after=result(r2))

r = pyrer.solve(["t"], REPO)
v = r.resolved_packages[-1]
emit("result.read_back", resolved_is_list=type(r.resolved).__name__,
     packages_is_list=type(r.resolved_packages).__name__,
     matches=[(p.name, p.version, p.variant_index) for p in r.resolved_packages]
     == list(r.resolved), self_eq=v == v, result_self_eq=r == r)
for attr in ("status", "resolved", "resolved_packages", "failure_description",
             "num_iterations", "solve_time_ms", "resolved_ephemerals"):
    attempt(f"result.set.{attr}", lambda attr=attr: setattr(r, attr, None), M)
attempt("result.set_unknown", lambda: setattr(r, "foo", 1), M)
attempt("result.del", lambda: delattr(r, "status"), M)
for attr in ("name", "version", "variant_index", "requires", "uri"):
    attempt(f"variant.set.{attr}", lambda attr=attr: setattr(v, attr, None))
attempt("variant.set_unknown", lambda: setattr(v, "foo", 1))
attempt("variant.lt", lambda: v < v)
for what, obj in (("result", r), ("variant", v)):
    for how, fn in (("pickle", pickle.dumps), ("copy", copy.copy), ("deepcopy", copy.deepcopy)):
        attempt(f"{what}.{how}", lambda fn=fn, obj=obj: fn(obj), M)
attempt("result.construct", lambda: pyrer.SolveResult(), W)
attempt("variant.construct", lambda: pyrer.ResolvedVariant(), W)
attempt("result.subclass", lambda: type("Sub", (pyrer.SolveResult,), {}), M)
attempt("variant.subclass", lambda: type("Sub", (pyrer.ResolvedVariant,), {}))

# --- solve's arguments -------------------------------------------------------------------

S = pyrer.solve
attempt("args.packages_keyword", lambda: S(["python"], packages=REPO))
attempt("args.requests_keyword", lambda: S(package_requests=["python"]))
attempt("args.three_positional", lambda: S(["python"], REPO, None))
attempt("args.unknown_keyword", lambda: S(["python"], REPO, bogus=1))
attempt("args.none", lambda: S())
attempt("args.requests_str", lambda: S("python", REPO), W)
attempt("args.requests_str_spaces", lambda: S("python lib", REPO), W)
attempt("args.requests_int_item", lambda: S([1], REPO), W)
attempt("args.requests_none", lambda: S(None, REPO), W)
attempt("args.packages_json", lambda: S(["python"], '[{"name": "python", "version": "1"}]'), W)
attempt("args.packages_ints", lambda: S(["python"], [1]), W)
attempt("args.packages_int", lambda: S(["python"], 5), W)
attempt("args.packages_iterator", lambda: S(["python"], iter(REPO)), W)
attempt("args.packages_dicts", lambda: S(["python"], [{"name": "python", "version": "1"}]), W)
attempt("args.mode_bad", lambda: S(["python"], REPO, variant_select_mode="bad"))
attempt("args.mode_case", lambda: S(["python"], REPO, variant_select_mode="Version_Priority"))
attempt("args.mode_none", lambda: S(["python"], REPO, variant_select_mode=None), W)
attempt("args.mode_int", lambda: S(["python"], REPO, variant_select_mode=1), W)
attempt("args.filters_ignored", lambda: S(["t"], REPO, filters=[("exclude", "python-3")]))
attempt("args.filters_empty", lambda: S(["t"], REPO, filters=[]))
attempt("args.max_iterations_ignored", lambda: S(["t"], REPO, max_iterations=1))
attempt("args.max_iterations_zero", lambda: S(["t"], REPO, max_iterations=0))
attempt("args.all_none", lambda: S(["t"], REPO, load_family=None, filters=None,
                                   max_iterations=None))
attempt("args.filters_str", lambda: S(["t"], REPO, filters="junk"), W)
attempt("args.filters_ints", lambda: S(["t"], REPO, filters=[1]), W)
attempt("args.filters_short_tuple", lambda: S(["t"], REPO, filters=[("a",)]), W)
attempt("args.filters_long_tuple", lambda: S(["t"], REPO, filters=[("a", "b", "c")]), W)
attempt("args.filters_int_tuple", lambda: S(["t"], REPO, filters=[(1, 2)]), W)
attempt("args.max_iterations_str", lambda: S(["t"], REPO, max_iterations="junk"), W)
attempt("args.max_iterations_float", lambda: S(["t"], REPO, max_iterations=1.5), W)
attempt("args.max_iterations_negative", lambda: S(["t"], REPO, max_iterations=-1), W)
attempt("args.load_family_uncalled", lambda: S(["t"], REPO, load_family=5))
attempt("args.load_family_not_callable", lambda: S(["nope"], REPO, load_family=5))

# --- load_family -------------------------------------------------------------------------

FAMILIES = {
    "python": [PD("python", "2.7"), PD("python", "3.9")],
    "lib": [PD("lib", "2.0.0", ["python-3"]), PD("lib", "1.0", ["python-2"])],
    "app": [PD("app", "1.0", ["lib-1+", "~dep-1", "!bad"])],
    "dep": [PD("dep", "1"), PD("dep", "2")],
    "bad": [PD("bad", "1")],
    "t": [PD("t", "1.0", ["lib"], [["python-2"], ["python-3"]])],
}
calls: list = []


def lf_one(name):
    calls.append([name])
    return FAMILIES.get(name, [])


def lf_two(name, version_range):
    calls.append([name, version_range])
    return FAMILIES.get(name, [])


def lf_default(name, version_range=None):
    calls.append([name, version_range])
    return FAMILIES.get(name, [])


def lf_kwonly(name, *, version_range):
    calls.append([name, version_range])
    return FAMILIES.get(name, [])


def lf_kwargs(name, **kwargs):
    calls.append([name, kwargs])
    return FAMILIES.get(name, [])


def lf_args(name, *args):
    calls.append([name, list(args)])
    return FAMILIES.get(name, [])


def lf_other_name(name, rng):
    calls.append([name, rng])
    return FAMILIES.get(name, [])


def lf_posonly(name, version_range, /):
    calls.append([name, version_range])
    return FAMILIES.get(name, [])


def lf_none():
    calls.append([])
    return []


class LoaderObject:
    def __call__(self, name, version_range=None):
        calls.append(["obj", name, version_range])
        return FAMILIES.get(name, [])


class LoaderOneArg:
    def __call__(self, name):
        calls.append(["obj1", name])
        return FAMILIES.get(name, [])


class Loader:
    def load(self, name, version_range=None):
        calls.append(["method", name, version_range])
        return FAMILIES.get(name, [])


def lf_solve(case, requests, loader, packages=None, allow=(), culprit=None, **kwargs):
    calls.clear()
    kwargs_allow: dict = {}
    if allow:
        kwargs_allow["allow"] = list(allow)
    if culprit is not None:
        kwargs_allow["culprit"] = culprit
    try:
        out = {"returned": result(pyrer.solve(requests, packages, load_family=loader, **kwargs))}
    except Exception as err:  # noqa: BLE001
        out = {"raised": {"exc": type(err).__name__, "msg": str(err)}}
    emit(case, requests=requests, calls=list(calls), **out, **kwargs_allow)


HINT_REQUEST = ["app", "lib-2+<3|1"]
for label, loader in [("one_arg", lf_one), ("two_args", lf_two), ("default", lf_default),
                      ("kwonly", lf_kwonly), ("kwargs", lf_kwargs), ("object", LoaderObject()),
                      ("object_one_arg", LoaderOneArg()), ("method", Loader().load),
                      ("partial", functools.partial(lf_two)),
                      ("lambda", lambda n: FAMILIES.get(n, [])),
                      ("args", lf_args), ("other_name", lf_other_name),
                      ("posonly", lf_posonly), ("no_params", lf_none)]:
    lf_solve(f"lf.signature.{label}", HINT_REQUEST, loader)
lf_solve("lf.builtin_print", ["app"], print)
lf_solve("lf.builtin_len", ["app"], len, allow=W)

lf_solve("lf.hints.plain", ["app"], lf_default)
lf_solve("lf.hints.exact", ["app-1.0", "python-2.7|3.9"], lf_default)
lf_solve("lf.hints.eq", ["app-==1.0"], lf_default)
lf_solve("lf.hints.range", ["app-1+<2", "python-3"], lf_default)
lf_solve("lf.hints.weak_and_conflict", ["~nope", "!nope2", "app"], lf_default)
lf_solve("lf.hints.weak_loaded", ["~dep-1", "app"], lf_default)
lf_solve("lf.hints.weak_only", ["~dep"], lf_default)
lf_solve("lf.hints.conflict_only", ["!dep"], lf_default)
lf_solve("lf.hints.ephemeral", [".e-1", "app"], lf_default)
lf_solve("lf.hints.variants", ["t"], lf_default)
lf_solve("lf.missing_asked_twice", ["nope"], lf_default, allow=RAISES)
lf_solve("lf.missing_one_arg", ["nope"], lf_one, allow=RAISES)
lf_solve("lf.mixed_missing", ["app", "nope"], lf_default, allow=RAISES)
lf_solve("lf.both_modes.version", ["t", "python"], lf_default,
         variant_select_mode="version_priority")
lf_solve("lf.both_modes.intersection", ["t", "python"], lf_default,
         variant_select_mode="intersection_priority")
lf_solve("lf.packages_first", ["app", "python"], lf_default, [PD("app", "2.0")])
lf_solve("lf.packages_shadow_family", ["app"], lf_default,
         [PD("app", "1.0", ["lib"]), PD("lib", "0.5")])
lf_solve("lf.packages_tuple", ["app"], lf_default, (PD("app", "2.0"),))


def returning(fn):
    def loader(name):
        calls.append([name])
        return fn(name)
    return loader


lf_solve("lf.returns.tuple", ["app"], returning(lambda n: tuple(FAMILIES.get(n, []))))
lf_solve("lf.returns.foreign_extra", ["app"],
         returning(lambda n: FAMILIES.get(n, []) + [PD("zzz", "1.0")]))
lf_solve("lf.returns.only_foreign", ["app"], returning(lambda n: [PD("zzz", "1.0")]), allow=RAISES)
lf_solve("lf.returns.other_case", ["app"], returning(
    lambda n: [PD("APP", "1.0")] if n == "app" else FAMILIES.get(n, [])), allow=RAISES)
lf_solve("lf.returns.duplicate", ["app"],
         returning(lambda n: FAMILIES.get(n, []) + FAMILIES.get(n, [])[:1]))
lf_solve("lf.returns.not_duplicate", ["app"], returning(
    lambda n: [PD(n, "1.0"), PD(n, "1.0.0")] if n == "app" else FAMILIES.get(n, [])))
lf_solve("lf.returns.none", ["app"], returning(lambda n: None), allow=W)
lf_solve("lf.returns.generator", ["app"],
         returning(lambda n: (p for p in FAMILIES.get(n, []))), allow=W)
lf_solve("lf.returns.ints", ["app"], returning(lambda n: [1]), allow=W)
lf_solve("lf.returns.str", ["app"], returning(lambda n: "abc"), allow=W)
lf_solve("lf.returns.dict", ["app"], returning(lambda n: {}), allow=W)
lf_solve("lf.returns.invalid_requirement", ["app"], returning(
    lambda n: [PD(n, "1.0", ["lib-!!"])] if n == "app" else FAMILIES.get(n, [])),
    allow=("panic",), culprit="lib-!!")


def raising(exc, at="app"):
    def loader(name):
        calls.append([name])
        if name == at:
            raise exc
        return FAMILIES.get(name, [])
    return loader


lf_solve("lf.raises.value_error", ["app"], raising(ValueError("boom")))
lf_solve("lf.raises.empty_message", ["app"], raising(RuntimeError()))
lf_solve("lf.raises.key_error", ["app"], raising(KeyError("k")))
lf_solve("lf.raises.multiline", ["app"], raising(Exception("multi\nline")))
lf_solve("lf.raises.later_family", ["app"], raising(ValueError("late"), at="lib"))
lf_solve("lf.raises.unused_family", ["python"], raising(ValueError("never"), at="lib"))


def nested(name, version_range=None):
    inner = pyrer.solve(["x"], [PD("x", "1")])
    calls.append([name, version_range, inner.status])
    return FAMILIES.get(name, [])


lf_solve("lf.reentrant_solve", ["app"], nested)

# --- parse_static_package_py / parse_static_packages_py ----------------------------------

SOURCES = {
    "basic": 'name = "foo"\nversion = "1.2.3"\nrequires = ["bar-1+", "~baz"]\n'
             'variants = [["python-2"], ["python-3"]]\n',
    "minimal": 'name = "foo"\nversion = "1.0"\n',
    "rez_style": "# -*- coding: utf-8 -*-\n\nname = 'depressive'\n\nversion = '1.1.4'\n\n"
                 "requires = [\n    'fool-2014+<2016',\n    'cart-0'\n]\n\n"
                 "timestamp = 1600130142\n\nformat_version = 2\n",
    "single_quotes": "name = 'foo'\nversion = '1.0'\nrequires = ['a']\n",
    "tuple_requires": 'name = "foo"\nversion = "1.0"\nrequires = ("a", "b")\n',
    "multiline": 'name = "foo"\nversion = "1.0"\nrequires = [\n    "a",\n    "b",  # c\n]\n'
                 'variants = [\n ["x"],\n ["y"],\n]\n',
    "commands": 'name = "foo"\nversion = "1.0"\ndef commands():\n'
                '    env.PATH.append("{root}/bin")\n',
    "pre_commands": 'name = "foo"\nversion = "1.0"\ndef pre_commands():\n    pass\n',
    "config_scope": 'name = "foo"\nversion = "1.0"\nwith scope("config") as config:\n'
                    '    config.release_packages_path = "/x"\n',
    "other_fields": 'name = "foo"\nversion = "1.0"\ndescription = "d"\nauthors = ["me"]\n'
                    'tools = ["t"]\nbuild_command = False\nuuid = "x"\n'
                    'private_build_requires = ["x"]\n',
    "docstring": '"""doc"""\nname = "foo"\nversion = "1.0"\n',
    "crlf": 'name = "foo"\r\nversion = "1.0"\r\n',
    "escape": 'name = "fo\\"o"\nversion = "1.0"\n',
    "unicode": 'name = "föö"\nversion = "1.0"\n',
    "reassigned": 'name = "foo"\nversion = "1.0"\nversion = "2.0"\n',
    "no_version": 'name = "foo"\n',
    "no_name": 'version = "1.0"\n',
    "empty": "",
    "early": 'name = "foo"\nversion = "1.0"\n@early()\ndef requires():\n    return ["a"]\n',
    "late": 'name = "foo"\nversion = "1.0"\n@late()\ndef requires():\n    return ["a"]\n',
    "import": 'import os\nname = "foo"\nversion = "1.0"\n',
    "if": 'name = "foo"\nif True:\n    version = "1.0"\n',
    "int_version": 'name = "foo"\nversion = 1\n',
    "fstring": 'name = "foo"\nversion = f"1.0"\n',
    "concat": 'name = "foo"\nversion = "1." + "0"\n',
    "variable": 'X = "a"\nname = "foo"\nversion = "1.0"\nrequires = [X]\n',
    "none_requires": 'name = "foo"\nversion = "1.0"\nrequires = None\n',
    "syntax_error": 'name = "foo\n',
}
for label, src in SOURCES.items():
    attempt(f"parse.{label}", lambda src=src: pyrer.parse_static_package_py(src), G)
attempt("parse.keyword", lambda: pyrer.parse_static_package_py(source=SOURCES["minimal"]))
attempt("parse.err.none", lambda: pyrer.parse_static_package_py(None), W)
attempt("parse.err.int", lambda: pyrer.parse_static_package_py(5), W)
attempt("parse.err.bytes", lambda: pyrer.parse_static_package_py(SOURCES["minimal"].encode()), W)
attempt("parse.err.no_args", lambda: pyrer.parse_static_package_py())
parsed = pyrer.parse_static_package_py(SOURCES["basic"])
attempt("parse.then_solve", lambda: pyrer.solve(["foo"], [parsed, PD("bar", "1.5"),
                                                          PD("python", "3.1")]))

with tempfile.TemporaryDirectory() as tmp:
    paths = []
    for label in ("basic", "minimal", "early", "rez_style"):
        path = os.path.join(tmp, label, "package.py")
        os.makedirs(os.path.dirname(path))
        with open(path, "w", encoding="utf-8") as f:
            f.write(SOURCES[label])
        paths.append(path)
    binary = os.path.join(tmp, "binary.py")
    with open(binary, "wb") as f:
        f.write(b'name = "\xff"\nversion = "1"\n')
    batch = paths + [os.path.join(tmp, "missing.py"), tmp, binary]
    attempt("parse_many.mixed", lambda: pyrer.parse_static_packages_py(batch))
    attempt("parse_many.empty", lambda: pyrer.parse_static_packages_py([]))
    attempt("parse_many.tuple", lambda: pyrer.parse_static_packages_py(tuple(paths[:2])))
    attempt("parse_many.pathlike", lambda: pyrer.parse_static_packages_py(
        [pathlib.Path(p) for p in paths[:2]]))
    attempt("parse_many.keyword", lambda: pyrer.parse_static_packages_py(paths=paths[:1]))
    attempt("parse_many.repeated", lambda: pyrer.parse_static_packages_py([paths[0]] * 3))
    attempt("parse_many.err.str", lambda: pyrer.parse_static_packages_py(paths[0]), W)
    attempt("parse_many.err.none", lambda: pyrer.parse_static_packages_py(None), W)
    attempt("parse_many.err.ints", lambda: pyrer.parse_static_packages_py([1]), W)
    attempt("parse_many.err.bytes", lambda: pyrer.parse_static_packages_py(
        [os.fsencode(paths[0])]), W)
    attempt("parse_many.err.iterator", lambda: pyrer.parse_static_packages_py(iter(paths)), W)
    many = pyrer.parse_static_packages_py(paths)
    emit("parse_many.fresh_objects", distinct=many[0] is not many[1],
         not_equal_to_single=many[0] == pyrer.parse_static_package_py(SOURCES["basic"]))

emit("done")
sys.exit(0)
