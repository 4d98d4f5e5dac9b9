"""Runs rez resolves in a fresh process and reports what rez's memcached caches did
(the subprocess side of tests/python/test_memcached.py; not a test module).

    python rez_cache_worker.py SPEC_JSON

SPEC: {"paths": [package roots], "steps": [step, ...]}, each step one of
    {"resolve": [request strings]}           a ResolvedContext over "paths"
    {"write": [path, text]}                  writes a file (making its directories)

rez's configuration (memcached_uri, resolve_caching, ...) and pyrer's switches
(PYRER_REZ_SOLVER) comes from the environment, so each process reads
them fresh. Prints one JSON object: for each resolve its outcome, ``from_cache``, how
many times ``Resolver._solve`` ran (rez's solver or the pyrer hook around it), pyrer's
counter changes, the memcached keys rez asked for and stored (by kind: resolve, listdir,
package_file, with hit or miss) and the resolve's cache entry as it is after the
resolve; then the repository class rez used and pyrer's scan count.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path


def main() -> None:
    spec = json.loads(sys.argv[1])
    import pyrer
    from rez.config import config
    from rez.package_repository import package_repository_manager
    from rez.resolved_context import ResolvedContext
    from rez.resolver import Resolver
    from rez.utils import memcached as rez_memcached

    paths = spec["paths"]
    calls: list = []  # (op, kind, key, hit) of the current resolve
    solves = [0]
    original_get, original_set = rez_memcached.Client.get, rez_memcached.Client.set
    original_delete = rez_memcached.Client.delete

    def kind(key: str) -> str:
        found = re.match(r"\('(\w+)'", key)
        return found.group(1) if found else key[:40]

    def get(self, key):  # type: ignore[no-untyped-def]
        value = original_get(self, key)
        calls.append(("get", kind(key), key, value is not rez_memcached.Client.miss))
        return value

    def set_(self, key, val, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(("set", kind(key), key, None))
        return original_set(self, key, val, *args, **kwargs)

    def delete(self, key):  # type: ignore[no-untyped-def]
        calls.append(("delete", kind(key), key, None))
        return original_delete(self, key)

    rez_memcached.Client.get, rez_memcached.Client.set = get, set_
    rez_memcached.Client.delete = delete

    hooked_solve = Resolver._solve  # (pyrer's hook, when installed, wraps rez's)

    def counting_solve(self):  # type: ignore[no-untyped-def]
        solves[0] += 1
        return hooked_solve(self)

    Resolver._solve = counting_solve

    def entry(key: str):  # type: ignore[no-untyped-def]
        """The resolve cache entry under ``key`` now (None: no entry)."""
        client = rez_memcached.Client(config.memcached_uri)
        try:
            data = original_get(client, key)
        finally:
            client.disconnect()
        if data is rez_memcached.Client.miss:
            return None
        solver_dict, release_times, variant_states = data
        graph = solver_dict.get("graph")
        labels = sorted(dict(graph.node_attributes(n)).get("label", n) for n in graph.nodes()) \
            if graph is not None else None
        return {"status": solver_dict["status"].name,
                "variant_handles": solver_dict.get("variant_handles"),
                "ephemerals": solver_dict.get("ephemerals"),
                "failure_description": solver_dict.get("failure_description"),
                "release_times": release_times, "variant_states": variant_states,
                "graph_nodes": labels,
                "graph_edges": len(graph.edges()) if graph is not None else None}

    results = []
    for step in spec["steps"]:
        if "write" in step:
            path, text = step["write"]
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(text)
            continue
        request = step["resolve"]
        del calls[:]
        solves[0] = 0
        before = pyrer.rez_integration_stats()
        try:
            ctx = ResolvedContext(request, package_paths=paths)
            outcome = [ctx.status.name, [[v.name, str(v.version), v.index]
                                         for v in ctx.resolved_packages or []]]
            from_cache = ctx.from_cache
        except Exception as err:  # rez raises for some requests: both sides must alike
            outcome = ["raised", type(err).__name__, str(err)]
            from_cache = None
        after = pyrer.rez_integration_stats()
        fallbacks = {k: n - before["fallbacks"].get(k, 0) for k, n in after["fallbacks"].items()
                     if n != before["fallbacks"].get(k, 0)}
        resolve_keys = sorted({key for _, k, key, _ in calls if k == "resolve"})
        results.append({
            "request": request, "outcome": outcome, "from_cache": from_cache,
            "solves": solves[0], "fast": after["fast_solves"] - before["fast_solves"],
            "fallbacks": fallbacks,
            "calls": [[op, k, hit] for op, k, _, hit in calls],
            "resolve_keys": resolve_keys,
            "entries": [entry(key) for key in resolve_keys],
        })
    repo = package_repository_manager.get_repository(paths[0])
    print(json.dumps({
        "results": results,
        "memcached_uri": config.memcached_uri,
        "repository_class": type(repo).__name__,
        "pyrer_scans": getattr(type(repo), "pyrer_scans", None),
        "hooked": pyrer.rez_integration_stats()["hooked"],
        "pid": os.getpid(),
    }, default=str))


if __name__ == "__main__":
    main()
