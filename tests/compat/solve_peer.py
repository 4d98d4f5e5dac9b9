"""Peer differential of pyrer.solve over rez's benchmark repository: runs under PyPI's pyrer
1.0.0rc3 or under ours, with rc3's API only, and prints canonical JSON lines to compare.

    python solve_peer.py --packages BENCH.json [--sample N]

``BENCH.json`` comes from dump_packages.py (run once with rez): every package of the
repository as ``name, str(version), [str(r)], [[str(r)]]`` and rez's 188 benchmark
requests. Each wheel gets identical PackageData built from it. Cases, one line each
(``{"case": ..., ...}``, sorted keys; timings left out):

* ``bench.<i>.<mode>``: request ``i`` over the list of all 18226 packages, in both
  variant_select_modes;
* ``bench.<i>.load_family``: the same request with no packages and a two-parameter
  load_family serving the families from the JSON (every call recorded, in order);
  ``bench.<i>.mixed`` (every third selected request): families before "m" as packages,
  the rest through load_family;
* ``edge.*``: edge requests over the repository (missing family or version, conflicts,
  weak and ephemeral requests, invalid strings), ``lf.*``: load_family contract cases
  (one-parameter loader, a raising, an empty, a foreign-name and a duplicate-returning
  loader), ``args.*``: argument errors.

``--sample N`` solves N of the 188 requests (N >= 20; a fixed choice: the first three,
which include the benchmark's failing request, then the rest evenly spread over the
requests sorted by length); without it, all 188. Records may carry ``allow`` (see
compare.py) like rc3_usage.py's.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys

import pyrer

PD = pyrer.PackageData


def emit(case: str, **fields) -> None:
    print(json.dumps(dict(fields, case=case), sort_keys=True), flush=True)


def result(r) -> dict:
    t = r.solve_time_ms
    return {
        "status": r.status,
        "resolved": [list(x) for x in r.resolved],
        "resolved_packages": [[v.name, v.version, v.variant_index, v.requires, v.uri, repr(v)]
                              for v in r.resolved_packages],
        "resolved_ephemerals": r.resolved_ephemerals,
        "failure_description": r.failure_description,
        "num_iterations": r.num_iterations,
        "time_ok": type(t) is float and math.isfinite(t) and t >= 0.0,
        "repr": re.sub(r"solve_time_ms=[0-9.]+\)$", "solve_time_ms=<t>)", repr(r)),
    }


def attempt(case: str, fn, allow=(), **extra) -> None:
    if allow:
        extra["allow"] = list(allow)
    try:
        value = fn()
    except Exception as err:  # noqa: BLE001 - recording what is raised is the point
        emit(case, raised={"exc": type(err).__name__, "msg": str(err)}, **extra)
    else:
        emit(case, returned=result(value), **extra)


def sample(requests: list, n: int) -> list[int]:
    if n >= len(requests):
        return list(range(len(requests)))
    chosen = [0, 1, 2]
    by_size = sorted(range(len(requests)), key=lambda i: (len(requests[i]), i))
    by_size = [i for i in by_size if i not in chosen]
    rest = n - len(chosen)
    step = (len(by_size) - 1) / max(rest - 1, 1)
    chosen += [by_size[round(k * step)] for k in range(rest)]
    return sorted(set(chosen))


class Loader:
    """load_family(name, version_range=None) over the JSON's families, recording calls."""

    def __init__(self, families: dict, *, raise_at=None, empty_at=None, foreign=False,
                 duplicate_at=None):
        self.families, self.calls = families, []
        self.raise_at, self.empty_at = raise_at, empty_at
        self.foreign, self.duplicate_at = foreign, duplicate_at

    def __call__(self, name, version_range=None):
        self.calls.append([name, version_range])
        if name == self.raise_at:
            raise LookupError(f"cannot load {name}")
        if name == self.empty_at:
            return []
        out = [PD(*p) for p in self.families.get(name, [])]
        if name == self.duplicate_at and out:
            out.append(PD(*self.families[name][-1]))
        if self.foreign:
            out.append(PD("zz_foreign_" + name, "1.0"))
        return out


def lf_case(case: str, requests, loader, packages=None, allow=(), **kwargs) -> None:
    extra = {"allow": list(allow)} if allow else {}
    try:
        out = {"returned": result(pyrer.solve(requests, packages, load_family=loader,
                                               **kwargs))}
    except Exception as err:  # noqa: BLE001
        out = {"raised": {"exc": type(err).__name__, "msg": str(err)}}
    calls = getattr(loader, "calls", None)
    emit(case, requests=requests, calls=calls, **out, **extra)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packages", required=True, help="JSON written by dump_packages.py")
    ap.add_argument("--sample", type=int, help="solve this many requests (>= 20), not all")
    args = ap.parse_args()
    if args.sample is not None and args.sample < 20:
        ap.error("--sample must be at least 20")

    with open(args.packages, encoding="utf-8") as f:
        data = json.load(f)
    rows = [(p["name"], p["version"], p["requires"], p["variants"]) for p in data["packages"]]
    requests = data["requests"]
    families: dict = {}
    for row in rows:
        families.setdefault(row[0], []).append(row)
    packages = [PD(*row) for row in rows]
    emit("input", packages=len(packages), families=len(families), requests=len(requests),
         rez_version=data.get("rez_version"))

    chosen = sample(requests, args.sample) if args.sample else list(range(len(requests)))
    emit("selection", indices=chosen)
    for n, i in enumerate(chosen):
        req = requests[i]
        for mode in ("version_priority", "intersection_priority"):
            attempt(f"bench.{i}.{mode}",
                    lambda req=req, mode=mode: pyrer.solve(req, packages,
                                                           variant_select_mode=mode))
        lf_case(f"bench.{i}.load_family", req, Loader(families))
        if n % 3 == 0:
            early = [p for p in packages if p.name.lower() < "m"]
            lf_case(f"bench.{i}.mixed", req, Loader(families), early)

    # edge requests, over a family chosen from the data: the one with most versions
    fam = min(families, key=lambda name: (-len(families[name]), name))
    lo, hi = families[fam][0][1], families[fam][-1][1]
    first = requests[0]
    plain = [r for r in first if r[:1] not in ("~", "!", ".")]
    edges = {
        "missing_family": ["zz_no_such_family"],
        "missing_version": [f"{fam}-999999"],
        "exact_lowest": [f"{fam}=={lo}"],
        "exact_highest": [f"{fam}=={hi}"],
        "lowest_and_highest": [f"{fam}=={lo}", f"{fam}=={hi}"],
        "range": [f"{fam}-{lo}+<{hi}"],
        "conflict": [f"{fam}=={lo}", f"!{fam}"],
        "conflict_other": [f"!{fam}"] + first,
        "weak": [f"~{fam}=={lo}"],
        "weak_used": [f"~{fam}=={lo}", fam],
        "ephemeral": [".eph-1", fam],
        "ephemeral_conflict": [".eph-1", ".eph-2"],
        "empty": [],
        "twice": [fam, fam],
        "reversed_first": list(reversed(first)),
        "first_without_weak": plain,
        "first_plus_missing": first + ["zz_no_such_family"],
    }
    for label, req in edges.items():
        for mode in ("version_priority", "intersection_priority"):
            # rez raises where a family or version the solve meets is missing
            attempt(f"edge.{label}.{mode}",
                    lambda req=req, mode=mode: pyrer.solve(req, packages,
                                                           variant_select_mode=mode),
                    ("rez-raises",), requests=req)
    for bad in (f"{fam}==", f"{fam}-[", f"{fam}-1+<"):
        attempt(f"edge.invalid.{bad}", lambda bad=bad: pyrer.solve([bad] + first, packages),
                ("panic",), culprit=bad)

    raise_at = plain[0].split("-")[0].split("=")[0]
    empty_at = plain[1].split("-")[0].split("=")[0]
    lf_case("lf.one_arg", first, lambda name: [PD(*p) for p in families.get(name, [])])
    lf_case("lf.raising", first, Loader(families, raise_at=raise_at))
    lf_case("lf.empty_family", first, Loader(families, empty_at=empty_at),
            allow=("rez-raises",))
    lf_case("lf.foreign_names", first, Loader(families, foreign=True))
    lf_case("lf.duplicate", first, Loader(families, duplicate_at=empty_at))
    lf_case("lf.all_in_packages", first, Loader(families), packages)
    lf_case("lf.intersection", first, Loader(families), variant_select_mode="intersection_priority")

    w = ("pyo3-wording",)
    attempt("args.packages_json", lambda: pyrer.solve(first, json.dumps(data["packages"][:5])), w)
    attempt("args.packages_rows", lambda: pyrer.solve(first, rows[:5]), w)
    attempt("args.packages_ints", lambda: pyrer.solve(first, [1, 2]), w)
    attempt("args.mode", lambda: pyrer.solve(first, packages, variant_select_mode="latest"))
    attempt("args.request_str", lambda: pyrer.solve(" ".join(first), packages), w)
    emit("done", solved=len(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
