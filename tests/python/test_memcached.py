"""rez with memcached (``memcached_uri``): the fast path (PYRER_REZ_SOLVER=1) against
stock rez, on a real memcached server (the ``memcached`` fixture, memcached_server.py).

rez 3.4.0 caches whole resolves (``resolve_caching``), directory listings
(``cache_listdir``) and package-file loads (``cache_package_files``) there. A resolve is
stored only when solved, under the key ``('resolve', request with the implicit packages,
repository uids, package filter hash, orderers hash, building, testing,
prune_failed_graph)``, with each resolved family's last release time (the family
directory's mtime) and each resolved variant's state (its package file's mtime). A
cached resolve is used only while both are unchanged; otherwise rez deletes the entry and
solves. ``Resolver._solve``, which pyrer's hook wraps, runs only when the cache missed.

Every resolve runs in a fresh process (tests/python/rez_cache_worker.py) so that rez
reads its configuration (``REZ_MEMCACHED_URI`` ...) and pyrer's switches from the
environment, and the worker reports what rez asked memcached for (get hit/miss, set,
delete, by kind), whether the context came ``from_cache``, how often ``Resolver._solve``
ran and pyrer's counters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("rez")

from harness import touch, write_python_tool_lib  # noqa: E402

HERE = Path(__file__).resolve().parent
WORKER = HERE / "rez_cache_worker.py"

STOCK = {"PYRER_REZ_SOLVER": "0"}
SOLVER = {"PYRER_REZ_SOLVER": "1"}
MODES = {"stock": STOCK, "solver": SOLVER}
FAST = ("solver",)

# request -> what answers it on the fast path: "fast" (pyrer) or a fallback reason
REQUESTS = {
    ("tool",): "fast",
    ("lib",): "fast",
    ("app",): "fast",
    ("app-1",): "fast",
    ("tool", "python-2"): "fast",
    ("tool", "~python-2"): "fast",                   # weak
    ("tool", "!python-3"): "fast",                   # conflict
    ("tool", "~python-3.9"): "fast",                 # weak, narrowing
    ("app", "~lib"): "fast",                         # weak, on a family not needed: unused
    ("eph", ".cuda-11.2"): "fast",                   # ephemeral
    ("yml",): "fast",                                # a package.yaml: loaded by rez
    ("lib", "python-3"): "not_solved",               # fails
    ("app-2", "!python-3.9"): "not_solved",          # conflict that fails
    ("nothere",): "rez_raises",                      # rez raises
}
SOLVED = [list(r) for r, how in REQUESTS.items() if how == "fast"]


def make_repo(root: Path) -> Path:
    """Several families, variants, a yaml package, an ephemeral requirement."""
    write_python_tool_lib(root)
    touch(root / "app" / "1.0" / "package.py", "name='app'\nversion='1.0'\nrequires=['lib']\n")
    touch(root / "app" / "2.0" / "package.py",
          "name='app'\nversion='2.0'\nrequires=['tool-1', 'python-3.9']\n")
    touch(root / "eph" / "1.0" / "package.py",
          "name='eph'\nversion='1.0'\nrequires=['.cuda-11']\n")
    touch(root / "yml" / "1.0" / "package.yaml",
          "name: yml\nversion: '1.0'\nrequires: ['tool-1']\n")
    return root


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "pkgs")


def run(server, paths, steps, mode: dict, **rez_env: str) -> dict:
    """One worker process over ``paths`` with pyrer's switches ``mode``, rez configured
    to use ``server`` (every cache on), and the extra REZ_* settings ``rez_env``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    env.update({"REZ_DISABLE_HOME_CONFIG": "1", "REZ_MEMCACHED_URI": server.uri,
                "REZ_RESOLVE_CACHING": "1", "REZ_CACHE_LISTDIR": "1",
                "REZ_CACHE_PACKAGE_FILES": "1", **mode, **rez_env})
    spec = {"paths": [str(p) for p in paths], "steps": steps}
    proc = subprocess.run([sys.executable, str(WORKER), json.dumps(spec)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-4000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["memcached_uri"] == ([server.uri] if env["REZ_MEMCACHED_URI"] else [])
    assert out["hooked"] == (mode["PYRER_REZ_SOLVER"] == "1")
    assert out["repository_class"] == "FileSystemPackageRepository"
    return out


def uncached(server, paths, requests) -> list[dict]:
    """Stock rez's resolves with no memcached at all (the reference after a change)."""
    out = resolves(server, paths, requests, STOCK, REZ_MEMCACHED_URI="")
    assert all(r["calls"] == [] and r["from_cache"] is not True for r in out)
    return out


def resolves(server, paths, requests, mode, **rez_env) -> list[dict]:
    return run(server, paths, [{"resolve": list(r)} for r in requests], mode,
               **rez_env)["results"]


def calls(result: dict, kind: str) -> list:
    """What one resolve asked memcached of ``kind``: [op, hit] pairs in order."""
    return [[op, hit] for op, k, hit in result["calls"] if k == kind]


def stored(entry: dict) -> dict:
    """A resolve cache entry without what depends on the solver that made it (the
    graph; see test_cache_entries_are_the_same_on_both_sides)."""
    return {k: v for k, v in entry.items() if not k.startswith("graph")}


def hit(result: dict) -> bool:
    """A resolve answered from rez's resolve cache: no solve at all, one cache read."""
    return (result["from_cache"] is True and result["solves"] == 0 and result["fast"] == 0
            and result["fallbacks"] == {} and calls(result, "resolve") == [["get", True]])


def test_fixture_serves_and_flushes(memcached):
    """The fixture's server answers, counts and flushes (what the other tests rely on)."""
    assert memcached.uri.startswith("127.0.0.1:")
    reply = memcached.command("set pyrer 0 0 2\r\nok", b"\r\n")
    assert reply.strip() == "STORED"
    assert "VALUE pyrer" in memcached.command("get pyrer", b"END\r\n")
    memcached.flush()
    assert "VALUE" not in memcached.command("get pyrer", b"END\r\n")
    stats = memcached.stats()
    assert stats["get_hits"] == 1 and stats["get_misses"] == 1 and stats["cmd_flush"] == 1


def test_same_resolves_as_stock_cold_and_warm(memcached, repo):
    """Every mode, on a cold cache (flushed) and then a warm one: the same outcomes as
    stock; solved resolves stored once and then answered from the cache without solving;
    failures never stored (solved again, each time by rez's solver on the fast path); the
    same keys and entries (but the graph) whichever side stored them."""
    requests = list(REQUESTS)
    runs: dict = {}
    for name, mode in MODES.items():
        memcached.flush()
        before = memcached.stats()
        cold = resolves(memcached, [repo], requests, mode)
        warm = resolves(memcached, [repo], requests, mode)
        after = memcached.stats()
        runs[name] = cold, warm
        for request, c, w in zip(requests, cold, warm):
            how = REQUESTS[request]
            assert c["outcome"] == w["outcome"], (name, request)
            if how == "rez_raises":
                assert c["outcome"][0] == "raised" and c["from_cache"] is None
            # cold: the cache was empty, so rez solved
            assert calls(c, "resolve")[0] == ["get", False], (name, request)
            assert c["from_cache"] in (False, None) and c["solves"] == 1, (name, request)
            if how == "fast":
                assert c["outcome"][0] == "solved", (name, request, c["outcome"])
                assert calls(c, "resolve") == [["get", False], ["set", None]], (name, request)
                assert len(c["entries"]) == 1 and c["entries"][0]["status"] == "solved"
                assert hit(w), (name, request, w)  # warm: a hit, no solve
                assert w["entries"] == c["entries"]
            else:  # failed resolves are not stored: solved again, rez's answer each time
                assert calls(c, "resolve") == calls(w, "resolve") == [["get", False]]
                assert c["entries"] == [None] and w["from_cache"] in (False, None)
                assert w["solves"] == 1
            if name in FAST:
                for r in (c, w) if how != "fast" else (c,):
                    assert (r["fast"], r["fallbacks"]) == (
                        (1, {}) if how == "fast" else (0, {how: 1})), (name, request, r)
        # the server saw the warm run's hits (rez's, one per solved request)
        assert after["get_hits"] - before["get_hits"] >= len(SOLVED)
    stock_cold, stock_warm = runs["stock"]
    for name, (cold, warm) in runs.items():
        for request, s, c, w in zip(requests, stock_cold, cold, warm):
            assert c["outcome"] == w["outcome"] == s["outcome"], (name, request)
            assert c["resolve_keys"] == s["resolve_keys"], (name, request)
            assert [e and stored(e) for e in c["entries"]] == \
                [e and stored(e) for e in s["entries"]], (name, request)


def test_cache_entries_are_the_same_on_both_sides(memcached, repo):
    """What the fast path stores is what stock rez stores, but the solve graph: the same
    key, variant handles, ephemerals, release times and variant states. The graph is the
    storing solver's (a stock process reading a fast-path entry gets pyrer's); on these
    requests it has rez's nodes and edges (rez's graph can also hold the solver's
    intermediate extractions, which pyrer's does not record: docs/rez-integration.md)."""
    entries = {}
    for name in ("stock", "solver"):
        memcached.flush()
        entries[name] = resolves(memcached, [repo], SOLVED, MODES[name])
    for request, s, f in zip(SOLVED, entries["stock"], entries["solver"]):
        for r in (s, f):  # each stored its own entry, the fast path solving
            assert calls(r, "resolve") == [["get", False], ["set", None]], request
        assert (f["fast"], s["fast"]) == (1, 0), request
        assert s["resolve_keys"] == f["resolve_keys"] and len(s["resolve_keys"]) == 1
        (se,), (fe,) = s["entries"], f["entries"]
        assert stored(se) == stored(fe), request
        assert se["graph_nodes"] == fe["graph_nodes"], request
        assert fe["graph_edges"] == se["graph_edges"], request


def test_fast_path_resolve_is_a_cache_hit_for_stock(memcached, repo):
    """A resolve stored by the fast path is read back by stock rez (and the reverse):
    from_cache, no solve, the same resolve, the entry untouched."""
    for storer, reader in (("solver", "stock"), ("stock", "solver")):
        memcached.flush()
        first = resolves(memcached, [repo], SOLVED, MODES[storer])
        middle = memcached.stats()
        second = resolves(memcached, [repo], SOLVED, MODES[reader])
        after = memcached.stats()
        for request, a, b in zip(SOLVED, first, second):
            assert a["from_cache"] is False and a["solves"] == 1, (storer, request)
            assert calls(a, "resolve") == [["get", False], ["set", None]], (storer, request)
            if storer in FAST:
                assert (a["fast"], a["fallbacks"]) == (1, {}), (storer, request)
            assert hit(b), (storer, reader, request, b)
            assert b["outcome"] == a["outcome"] and b["entries"] == a["entries"]
        # the server's count: rez's read of each entry, and the worker's look at it after
        assert after["get_hits"] - middle["get_hits"] == 2 * len(SOLVED), (storer, reader)


def test_a_release_is_not_served_stale(memcached, tmp_path):
    """A resolve cached by one side, then a new python released, then the same request
    on the other side (and on its own side): a miss (rez sees the family's new release
    time), the entry deleted and replaced, the new version resolved, as stock without a
    cache. Then an in-place edit of a resolved package file (its variant state): a miss
    again, and the edited package's new answer."""
    pairs = [("stock", "solver"), ("solver", "stock"), ("stock", "stock"),
             ("solver", "solver")]
    for i, (storer, reader) in enumerate(pairs):
        root = make_repo(tmp_path / f"pkgs{i}")
        requests = [["tool"], ["app"], ["yml"]]
        memcached.flush()
        first = resolves(memcached, [root], requests, MODES[storer])
        assert [r["outcome"][1][0] for r in first] == [
            ["python", "3.11.4", None], ["python", "3.9.1", None], ["python", "3.11.4", None]]
        assert all(r["calls"][-1][:2] == ["set", "resolve"] for r in first)
        old_time = first[0]["entries"][0]["release_times"]["python"]

        # release python-3.12.0 (as rez's install does: a new directory in the family)
        touch(root / "python" / "3.12.0" / "package.py", "name='python'\nversion='3.12.0'\n")
        family = root / "python"
        if os.stat(family).st_mtime == old_time:  # a coarse clock: make the release visible
            os.utime(family, (old_time + 1, old_time + 1))
        expected = uncached(memcached, [root], requests)
        assert [r["outcome"][1][0] for r in expected] == [
            ["python", "3.12.0", None], ["python", "3.9.1", None], ["python", "3.12.0", None]]
        second = resolves(memcached, [root], requests, MODES[reader])
        for request, e, r in zip(requests, expected, second):
            assert r["outcome"] == e["outcome"], (storer, reader, request)
            assert r["from_cache"] is False and r["solves"] == 1, (storer, reader, request)
            # the stale entry deleted, then the new resolve stored
            assert calls(r, "resolve") == [["get", True], ["delete", None], ["set", None]]
            assert r["entries"][0]["release_times"]["python"] != old_time
            if reader in FAST:
                assert (r["fast"], r["fallbacks"]) == (1, {}), (storer, reader, request)
        third = resolves(memcached, [root], requests, MODES[storer])
        assert all(hit(r) for r in third) and \
            [r["outcome"] for r in third] == [r["outcome"] for r in expected]

        # edit tool-1.0 in place (no release: the family's mtime stays, its state changes)
        package = root / "tool" / "1.0" / "package.py"
        before = os.stat(package).st_mtime
        package.write_text("name='tool'\nversion='1.0'\nvariants=[['python-2'], ['python-3.9']]\n")
        if os.stat(package).st_mtime == before:
            os.utime(package, (before + 1, before + 1))
        edited = resolves(memcached, [root], [["tool"]], MODES[reader])[0]
        assert edited["outcome"][1] == [["python", "3.9.1", None], ["tool", "1.0", 1]]
        assert edited["from_cache"] is False
        assert calls(edited, "resolve") == [["get", True], ["delete", None], ["set", None]]
        assert edited["outcome"] == uncached(memcached, [root], [["tool"]])[0]["outcome"]


RELEASE = "name='python'\nversion='3.12.0'\n"


def test_release_during_a_process_stock_stores_its_stale_resolve(memcached, tmp_path):
    """A DIFFERENCE from stock. One process resolves `tool`, python-3.12.0 is released,
    and the same process resolves `tool` again. rez sees the new release time and drops
    the cached resolve, but its solver answers from the repository's in-process listings
    (lru caches, docs/enumeration.md ENUM-9.3), which predate the release: python-3.11.4,
    which rez then stores under the new release time, so every later process, stock or
    fast path, gets that stale resolve from the cache (rez 3.4.0's behaviour, observed).
    The fast path solves from a fresh scan: python-3.12.0, stored, and read back as such
    by a stock process. (Without memcached the same holds inside the process.)"""
    for i, (name, stale) in enumerate((("stock", True), ("solver", False))):
        root = make_repo(tmp_path / f"pkgs{i}")
        memcached.flush()
        out = run(memcached, [root], [
            {"resolve": ["tool"]},
            {"write": [str(root / "python" / "3.12.0" / "package.py"), RELEASE]},
            {"resolve": ["tool"]}], MODES[name])["results"]
        assert out[0]["outcome"][1][0] == ["python", "3.11.4", None]
        second = out[1]
        assert second["from_cache"] is False
        assert calls(second, "resolve") == [["get", True], ["delete", None], ["set", None]]
        got = second["outcome"][1][0]
        assert got == (["python", "3.11.4", None] if stale else ["python", "3.12.0", None]), \
            name
        # what later processes get: the stored resolve, from the cache
        for reader in ("stock", "solver"):
            later = resolves(memcached, [root], [["tool"]], MODES[reader])[0]
            assert hit(later) and later["outcome"] == second["outcome"], (name, reader)
        fresh = uncached(memcached, [root], [["tool"]])[0]
        assert fresh["outcome"][1][0] == ["python", "3.12.0", None]


def test_what_each_side_keeps_in_memcached(memcached, repo):
    """A DIFFERENCE from stock, in what is cached (not in any resolve). The resolve cache
    traffic is the same in every mode (checked per request in
    test_same_resolves_as_stock_cold_and_warm). rez's directory listings
    (``cache_listdir``) are read and written only by rez's own listing code: pyrer's
    scans never use them, so the solver hook leaves only those of the resolves that fall
    back to rez's solver. Package-file loads
    (``cache_package_files``) that rez does are cached in every mode (the fast path's
    static reads are not rez loads)."""
    traffic = {}
    for name, mode in MODES.items():
        memcached.flush()
        out = resolves(memcached, [repo], list(REQUESTS), mode)
        traffic[name] = {kind: sum(1 for r in out for op, k, _ in r["calls"]
                                   if k == kind and op == "set")
                         for kind in ("resolve", "listdir", "package_file")}
    assert {name: t["resolve"] for name, t in traffic.items()} == \
        dict.fromkeys(MODES, len(SOLVED))
    assert traffic["stock"]["listdir"] > traffic["solver"]["listdir"] > 0, traffic
    assert all(t["package_file"] > 0 for t in traffic.values()), traffic


def test_a_listing_cached_during_a_release(memcached, repo):
    """A DIFFERENCE from stock, in a window that rez's own release closes. While a
    release is under way (rez's ``.building<version>`` marker beside a version directory
    that has no package file yet) a stock process lists the family and memcached keeps
    that listing under the family directory's mtime. Writing the package file does not
    change that mtime, so until the release removes the marker and touches the family
    (rez's ``_on_changed``), stock rez with ``cache_listdir`` still leaves the new version
    out of new resolves, where stock rez without memcached, and pyrer's scans (which never
    read the cached listing), find it. A resolve cached before the package file appeared
    is served as it was by both sides: rez validates it against the same mtime."""
    family = repo / "python"
    (family / ".building3.12.0").write_text("")
    (family / "3.12.0").mkdir()
    first = resolves(memcached, [repo], [["tool"]], STOCK)[0]
    assert first["outcome"][1][0] == ["python", "3.11.4", None]
    assert ["set", None] in calls(first, "listdir")
    mtime = os.stat(family).st_mtime
    touch(family / "3.12.0" / "package.py", RELEASE)
    assert os.stat(family).st_mtime == mtime
    # a new request in each mode (so none is in the resolve cache yet)
    for (name, stale), request in zip((("stock", True), ("solver", False)),
                                      (["python"], ["python-3"])):
        got = resolves(memcached, [repo], [request], MODES[name])[0]
        truth = uncached(memcached, [repo], [request])[0]
        assert truth["outcome"][1] == [["python", "3.12.0", None]]
        assert got["from_cache"] is False and calls(got, "resolve")[0] == ["get", False]
        assert got["outcome"][1] == ([["python", "3.11.4", None]] if stale
                                     else truth["outcome"][1]), name
        if name == "stock":
            assert ["get", True] in calls(got, "listdir")  # the listing from memcached
    for name in MODES:  # the resolve cached earlier: served as it was, by every mode
        again = resolves(memcached, [repo], [["tool"]], MODES[name])[0]
        assert hit(again) and again["outcome"] == first["outcome"], name
