"""pyrer's two opt-in rez integrations, each stock rez unless switched on.

* The package-repository plugin ``filesystem`` (entry point
  ``rez.plugins.package_repository``): ``register_plugin()`` returns pyrer's
  scanner-backed subclass of rez's ``FileSystemPackageRepository`` when switched on, and
  rez's builtin class otherwise. Switch: ``PYRER_REZ_PLUGIN`` or
  ``optionvars = {"pyrer": {"rez_plugin": True}}``.
* The solver hook (``_resolver_hook``, imported at interpreter start by the
  ``pyrer_rez_plugin.pth`` file the wheel installs): rez's ``Resolver`` answers its solve
  with pyrer's native pipeline. Switch: ``PYRER_REZ_SOLVER`` or
  ``optionvars = {"pyrer": {"rez_solver": True}}``.

The environment decides first: ``1`` (also ``true``, ``yes``, ``on``) switches on, ``0``
(``false``, ``no``, ``off``) switches off whatever the configuration says; unset or empty,
rez's ``optionvars`` decides (in a rezconfig file, or for one shell
``REZ_OPTIONVARS_JSON='{"pyrer": {"rez_solver": true}}'``).

This package imports nothing from pyrer until switched on, and nothing here raises: in
rez 3.4.0 a plugin that fails to import breaks every package-repository plugin, so any
problem (rez version mismatch, a broken pyrer install) becomes a ``RuntimeWarning`` and
stock rez. It is imported at every interpreter start, so it imports only what Python
has already loaded by then.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself costs milliseconds at interpreter start
if TYPE_CHECKING:
    from typing import Any, Optional

PLUGIN_ENV = "PYRER_REZ_PLUGIN"
SOLVER_ENV = "PYRER_REZ_SOLVER"
_OPTION = {PLUGIN_ENV: "rez_plugin", SOLVER_ENV: "rez_solver"}  # optionvars["pyrer"] keys
_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")


def enabled(env: str = PLUGIN_ENV) -> bool:
    """Whether the environment or rez's configuration switches on the integration that
    ``env`` names (``PLUGIN_ENV`` or ``SOLVER_ENV``)."""
    from_env = env_switch(env)
    if from_env is not None:
        return from_env
    try:
        from rez.config import config

        pyrer_vars = (config.optionvars or {}).get("pyrer") or {}
        return bool(pyrer_vars.get(_OPTION[env], False))
    except Exception as err:
        import warnings

        warnings.warn(f"pyrer: cannot read rez's optionvars ({err!r}); {env} off",
                      RuntimeWarning, stacklevel=2)
        return False


def env_switch(env: str) -> Optional[bool]:
    """What the environment variable ``env`` says: True, False, or None (rez decides)."""
    value = (os.environ.get(env) or "").strip().lower()
    if not value:
        return None
    if value in _ON:
        return True
    if value in _OFF:
        return False
    import warnings

    warnings.warn(f"pyrer: {env}={value!r} is not one of {_ON + _OFF}; {env} off",
                  RuntimeWarning, stacklevel=3)
    return False


def register_plugin() -> Any:
    """The repository class rez should use for ``filesystem`` package paths."""
    from rezplugins.package_repository import filesystem

    builtin = filesystem.FileSystemPackageRepository
    try:
        if not enabled():
            return builtin
        from pyrer import _rez_repo

        return _rez_repo.repository_class()
    except Exception as err:  # degrade to stock rez, loudly
        import warnings

        warnings.warn(f"pyrer: the scanner-backed rez repository is unavailable ({err!r}); "
                      "using rez's builtin filesystem repository", RuntimeWarning, stacklevel=2)
        return builtin
