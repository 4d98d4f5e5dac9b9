"""pyrer's one switch in rez: the solver hook.

Imported at every interpreter start by the ``pyrer_rez_hook.pth`` file the wheel installs.
Importing costs one tiny finder on ``sys.meta_path``, which waits for ``rez.resolver`` to
be imported and then wraps its ``Resolver._solve`` (and takes itself off
``sys.meta_path``). Nothing more happens until a resolve runs; then, when the switch is
on, ``pyrer.rez.solver.verdict`` either answers the solve or hands it to rez's own solver
with a reason.

Why ``_solve``: it is the one method of ``Resolver`` that runs the solver, after rez's
resolve cache (memcached) missed and before rez converts the solver's answer
(``_solver_to_dict``), builds the resolved ``Variant``s from their handles and stores the
result in the cache. So everything around the solve, memcached included, stays rez's code.

The switch: ``PYRER_REZ_SOLVER`` decides first: ``1`` (also ``true``, ``yes``, ``on``)
switches on, ``0`` (``false``, ``no``, ``off``) switches off whatever the configuration
says, and with ``0`` nothing is installed at all. Unset or empty, rez's ``optionvars``
decide (``optionvars = {"pyrer": {"rez_solver": True}}`` in a rezconfig file, or for one
shell ``REZ_OPTIONVARS_JSON='{"pyrer": {"rez_solver": true}}'``). The wrapper checks the
switch on every call, so a resolve is stock whenever it is off.

This package imports nothing from pyrer until a switched-on resolve runs, imports only
what Python has already loaded at start-up, and never raises: a broken pyrer install
becomes rez's own solver (and a ``rez_integration_stats()`` fallback, "unavailable").
"""

from __future__ import annotations

import _thread
import os
import sys

TYPE_CHECKING = False  # typing itself costs milliseconds at interpreter start
if TYPE_CHECKING:
    from typing import Any, Dict, Optional

SOLVER_ENV = "PYRER_REZ_SOLVER"
_OPTION = "rez_solver"  # the key in rez's optionvars["pyrer"]
_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")
_TARGET = "rez.resolver"
_lock = _thread.allocate_lock()  # (threading costs a millisecond at interpreter start)
_stats: Dict[str, Any] = {"fast_solves": 0, "fallbacks": {}, "hooked": False,
                          "fast_solve_seconds": 0.0}


def enabled() -> bool:
    """Whether the environment or rez's configuration switches the hook on."""
    from_env = env_switch()
    if from_env is not None:
        return from_env
    try:
        from rez.config import config

        pyrer_vars = (config.optionvars or {}).get("pyrer") or {}
        return bool(pyrer_vars.get(_OPTION, False))
    except Exception as err:
        import warnings

        warnings.warn(f"pyrer: cannot read rez's optionvars ({err!r}); {SOLVER_ENV} off",
                      RuntimeWarning, stacklevel=2)
        return False


def env_switch() -> Optional[bool]:
    """What ``PYRER_REZ_SOLVER`` says: True, False, or None (rez's optionvars decide)."""
    value = (os.environ.get(SOLVER_ENV) or "").strip().lower()
    if not value:
        return None
    if value in _ON:
        return True
    if value in _OFF:
        return False
    import warnings

    warnings.warn(f"pyrer: {SOLVER_ENV}={value!r} is not one of {_ON + _OFF}; "
                  f"{SOLVER_ENV} off", RuntimeWarning, stacklevel=3)
    return False


def stats() -> Dict[str, Any]:
    """This process's counters (a copy): resolves answered by pyrer (``fast_solves``),
    resolves handed to rez's solver by reason (``fallbacks``), whether rez's
    ``Resolver`` is hooked (``hooked``), and seconds spent in pyrer's answers."""
    with _lock:
        return {**_stats, "fallbacks": dict(_stats["fallbacks"])}


def _count(fast: bool, reason: str = "", seconds: float = 0.0) -> None:
    with _lock:
        if fast:
            _stats["fast_solves"] += 1
            _stats["fast_solve_seconds"] += seconds
        else:
            fallbacks = _stats["fallbacks"]
            fallbacks[reason] = fallbacks.get(reason, 0) + 1


def _debug(message: str, *args: Any) -> None:
    """rez's debug output for plugins (``REZ_DEBUG_PLUGINS=1`` or ``debug_all``)."""
    try:
        from rez.config import config

        config.debug_printer("plugins")("pyrer: " + message, *args)
    except Exception:  # diagnostics never break a resolve
        pass


def wrap(resolver_class: Any) -> None:
    """Wraps ``resolver_class._solve`` (once)."""
    original = resolver_class._solve
    if getattr(original, "_pyrer_original", None) is not None:
        return

    def _solve(self: Any) -> Any:
        if not enabled():
            return original(self)
        try:
            from pyrer.rez import solver
        except Exception as err:  # a broken pyrer install: stock rez, loudly
            _count(False, "unavailable")
            _debug("fallback to rez's solver (unavailable: %r)", err)
            return original(self)
        verdict = solver.verdict(self)
        if isinstance(verdict, solver.Solved):
            _count(True, seconds=verdict.seconds)
            _debug("resolve answered by pyrer in %.3f s: %s", verdict.seconds, verdict.detail)
            return verdict.solver
        _count(False, verdict.reason)
        _debug("fallback to rez's solver (%s): %s", verdict.reason, verdict.detail)
        return original(self)

    _solve._pyrer_original = original  # type: ignore[attr-defined]
    _solve.__doc__ = original.__doc__
    resolver_class._solve = _solve
    with _lock:
        _stats["hooked"] = True


class _Loader:
    """Runs the real loader of ``rez.resolver``, then wraps its ``Resolver``."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        try:
            wrap(module.Resolver)
        except Exception as err:  # never break rez's import
            import warnings

            warnings.warn(f"pyrer: cannot hook rez's resolver ({err!r}); stock rez",
                          RuntimeWarning, stacklevel=2)

    def __getattr__(self, name: str) -> Any:  # get_filename, is_package, ...
        return getattr(self.loader, name)


class _Finder:
    """A meta-path finder that answers only for ``rez.resolver``, once."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != _TARGET:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)  # type: ignore[assignment]  # duck-typed
        return spec


def install() -> None:
    """Hooks rez's resolver now if it is imported, else when it is."""
    if env_switch() is False:
        return
    module = sys.modules.get(_TARGET)
    if module is not None:
        wrap(module.Resolver)
    elif not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


install()
