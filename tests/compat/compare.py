"""Compares two transcripts of rc3_usage.py or solve_peer.py: PyPI's pyrer 1.0.0rc3's (the
reference) and ours. Identical, record by record, except where a record names an
allowlisted rule in ``"allow"`` and the difference is the documented one:

* ``pyo3-wording``: a message worded by PyO3's argument conversion, not by rc3's code
  (rc3 is built with PyO3 0.23.5; PyO3 reworded its conversion errors since, e.g.
  "'int' object cannot be converted to 'PyString'"). The exception type must match, and
  so must the message's leading ``argument 'x'`` or ``load_family("f") raised``; the
  wording after it may differ (a message with neither: only the type is compared).
* ``panic``: rc3 panics inside rer on an invalid request or version string, reports
  "solver panicked (an invalid request string?)" and prints a Rust backtrace on stderr.
  Ours must report status "error" with nothing resolved and a message that names the
  record's ``culprit`` and does not talk about a panic (and print nothing: checked on
  stderr by the test). Every other field must match.
* ``static-guard``: ``parse_static_package_py``: ours returns None (rez must load the
  file) where pyrer's reader cannot prove its reading equal to rez's load, and returns
  data where it can, also where rc3 returns None (imports of standard modules, for
  example). Where both return data it must be equal. (Whether either side's data equals
  rez's is tests/test_static_reader.py's job; the data ours returns where rc3 returns
  None is checked against rez by tests/python/test_rc3_peer.py.)
* ``rez-raises``: where rez 3.4.0 raises (a family or version the solve meets is missing,
  a request or requirement rez rejects), rc3 reports "failed" (or, for a request rez
  rejects, may even solve). Where ours says "error" and rc3 does not, ours must have
  nothing resolved and
  rez's exception and message (``PackageFamilyNotFoundError: ...``,
  ``PackageNotFoundError: ...``, or ``invalid package request ...`` naming
  ``PackageRequestError`` or ``VersionError``); its status, message, repr and
  iteration count then stand in for rc3's. (That rez raises there is checked against
  rez itself by tests/solve_generative.py.)
* ``module-name``: rc3 declares SolveResult without a module, so its messages say
  ``builtins.SolveResult``; ``pyrer.SolveResult`` is accepted in its place.

``compare(rc3_text, ours_text)`` returns the problems as readable lines (empty: same);
``compare(a, b, rules=False)`` applies no rule (two runs of one wheel must be identical).
"""

from __future__ import annotations

import copy
import json
import re

RULES = {
    "pyo3-wording": "PyO3's conversion-error wording (rc3: PyO3 0.23.5): type and "
                    "argument must match, wording may differ",
    "panic": "rc3 panics on an invalid request/version ('solver panicked ...' plus a "
             "backtrace on stderr); ours: status 'error', a message naming the culprit",
    "static-guard": "parse_static_package_py: either side may return None where the other "
                    "returns data; data both return must be equal",
    "module-name": "rc3's SolveResult is 'builtins.SolveResult' in messages; "
                   "'pyrer.SolveResult' accepted",
    "rez-raises": "where rez raises, rc3 fails (or solves); ours: status 'error' with "
                  "rez's exception and message",
}
REZ_RAISES = ("PackageFamilyNotFoundError: ", "PackageNotFoundError: ")
REZ_REJECTS = ("PackageRequestError: ", "VersionError: ")
PANIC_TEXT = "solver panicked (an invalid request string?)"
MAX_DIFFS_PER_CASE = 8
MAX_PROBLEMS = 60


def parse(text: str, side: str) -> tuple[list, list[str]]:
    records, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            problems.append(f"{side} line {n} is not JSON: {line[:200]!r}")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("case"), str):
            problems.append(f"{side} line {n} has no case: {line[:200]!r}")
            continue
        records.append(rec)
    seen: set = set()
    for rec in records:
        if rec["case"] in seen:
            problems.append(f"{side} repeats case {rec['case']!r}")
        seen.add(rec["case"])
    return records, problems


def short(value, limit: int = 300) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


def diffs(a, b, path: str = "") -> list[str]:
    if type(a) is not type(b):
        return [f"{path or '.'}: rc3 {short(a)} != ours {short(b)}"]
    if isinstance(a, dict):
        if a and b and not set(a) & set(b):  # different kinds of values: one line
            return [f"{path or '.'}: rc3 {short(a)} != ours {short(b)}"]
        out = []
        for key in sorted(set(a) | set(b)):
            sub = f"{path}.{key}" if path else key
            if key not in a:
                out.append(f"{sub}: only ours has it: {short(b[key])}")
            elif key not in b:
                out.append(f"{sub}: missing in ours (rc3: {short(a[key])})")
            else:
                out += diffs(a[key], b[key], sub)
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            return [f"{path}: rc3 has {len(a)} items, ours {len(b)} (first difference at "
                    f"[{first}]: rc3 {short(a[first:first + 1])} ours {short(b[first:first + 1])})"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += diffs(x, y, f"{path}[{i}]")
        return out
    return [] if a == b else [f"{path or '.'}: rc3 {short(a)} != ours {short(b)}"]


def message_key(msg: str):
    m = re.match(r"(argument '[^']*'|load_family\(\"[^\"]*\"\) raised)", msg)
    return m.group(1) if m else None


def _message_pairs(ref: dict, ours: dict):
    """(rc3 container, our container, key) of the message fields both records have."""
    for outer, inner in (("raised", "msg"), ("returned", "failure_description")):
        a, b = ref.get(outer), ours.get(outer)
        if (isinstance(a, dict) and isinstance(b, dict) and isinstance(a.get(inner), str)
                and isinstance(b.get(inner), str)):
            yield a, b, inner


def _replace_strings(value, old: str, new: str):
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace_strings(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replace_strings(v, old, new) for k, v in value.items()}
    return value


def apply_rules(ref: dict, ours: dict) -> tuple[dict, dict, list[str]]:
    """Normalizes the allowlisted differences of one record pair; returns what the
    rules themselves found wrong in ours."""
    ref, ours, problems = copy.deepcopy(ref), copy.deepcopy(ours), []
    rules = ref.get("allow") or []
    for rule in rules:
        if rule not in RULES:
            problems.append(f"unknown allowlist rule {rule!r}")
    if "module-name" in rules:
        ref = _replace_strings(ref, "builtins.SolveResult", "pyrer.SolveResult")
        ours = _replace_strings(ours, "builtins.SolveResult", "pyrer.SolveResult")
    if "pyo3-wording" in rules:
        for a, b, field in _message_pairs(ref, ours):
            key = message_key(a[field])
            if key is None:
                a[field] = b[field] = "<message worded by PyO3>"
            elif message_key(b[field]) == key:
                a[field] = b[field] = f"{key}: <worded by PyO3>"
    if "static-guard" in rules and {"value": None} in (ours.get("returned"),
                                                       ref.get("returned")):
        ours["returned"] = ref.get("returned")
    if "rez-raises" in rules:
        got, returned = ours.get("returned"), ref.get("returned")
        if (isinstance(got, dict) and isinstance(returned, dict)
                and got.get("status") == "error" != returned.get("status")):
            msg = got.get("failure_description") or ""
            named = msg.startswith(REZ_RAISES) or (
                msg.startswith("invalid package request ")
                and any(e in msg for e in REZ_REJECTS))
            if got.get("resolved") or not named:
                problems.append("where rez raises, ours must be status 'error' with rez's "
                                f"exception: {short(got)}")
            else:
                for key in ("status", "failure_description", "repr", "num_iterations"):
                    if key in returned:
                        got[key] = returned[key]
    if "panic" in rules:
        returned = ref.get("returned") or {}
        if returned.get("failure_description") == PANIC_TEXT:
            got = ours.get("returned")
            culprit = ref.get("culprit")
            if not isinstance(got, dict):
                problems.append("an invalid input must give a SolveResult with status "
                                f"'error', ours: {short(ours.get('raised'))}")
            else:
                msg = got.get("failure_description")
                why = []
                if got.get("status") != "error":
                    why.append(f"status {got.get('status')!r}, not 'error'")
                if got.get("resolved") or got.get("resolved_packages"):
                    why.append("something resolved")
                if not isinstance(msg, str) or not msg.strip():
                    why.append("no failure_description")
                else:
                    if culprit and culprit not in msg:
                        why.append(f"the message does not name {culprit!r}")
                    if "panick" in msg.lower():
                        why.append("the message still reports a panic")
                if why:
                    problems.append(f"invalid input not reported clearly ({'; '.join(why)}): "
                                    f"failure_description {short(msg)}")
                got["failure_description"] = returned["failure_description"]  # reported once
    return ref, ours, problems


def compare(rc3_text: str, ours_text: str, rules: bool = True) -> list[str]:
    """The problems of ours against rc3; ``rules=False``: no allowlist, records must be
    identical (how two runs of one wheel are compared)."""
    ref, problems = parse(rc3_text, "rc3")
    ours, more = parse(ours_text, "ours")
    problems += more
    ref_cases = [r["case"] for r in ref]
    ours_by_case = {r["case"]: r for r in ours}
    missing = [c for c in ref_cases if c not in ours_by_case]
    extra = [r["case"] for r in ours if r["case"] not in set(ref_cases)]
    if missing:
        problems.append(f"ours lacks {len(missing)} case(s): {', '.join(missing[:20])}")
    if extra:
        problems.append(f"ours has {len(extra)} case(s) rc3 has not: {', '.join(extra[:20])}")
    common = [c for c in ref_cases if c in ours_by_case]
    ours_order = [r["case"] for r in ours if r["case"] in set(common)]
    if common != ours_order:
        first = next((i for i, (x, y) in enumerate(zip(common, ours_order)) if x != y),
                     min(len(common), len(ours_order)) - 1)
        problems.append(f"cases in another order from {common[first]!r} "
                        f"(ours: {ours_order[first]!r})")
    for rec in ref:
        other = ours_by_case.get(rec["case"])
        if other is None:
            continue
        if rec.get("allow") != other.get("allow"):
            problems.append(f"case {rec['case']!r}: allowlist differs between the runs "
                            f"({rec.get('allow')} vs {other.get('allow')})")
            continue
        a, b, rule_problems = apply_rules(rec, other) if rules else (rec, other, [])
        found = [f"case {rec['case']!r}: {p}" for p in rule_problems]
        found += [f"case {rec['case']!r}: {d}" for d in diffs(a, b)[:MAX_DIFFS_PER_CASE]]
        problems += found
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"... and {len(problems) - MAX_PROBLEMS} more"]
    return problems
