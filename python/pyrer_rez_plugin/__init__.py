"""rez package-repository plugin ``filesystem`` (entry point ``rez.plugins.package_repository``).

Opt-in. ``register_plugin()`` returns pyrer's scanner-backed subclass of rez's
``FileSystemPackageRepository`` when switched on, and rez's builtin class otherwise,
so that rez behaves exactly as stock. Switched on by, in this order:

* the environment: ``PYRER_REZ_PLUGIN=1`` (also ``true``, ``yes``, ``on``) turns it on,
  ``PYRER_REZ_PLUGIN=0`` (``false``, ``no``, ``off``) turns it off whatever the config says;
* rez's configuration: ``optionvars = {"pyrer": {"rez_plugin": True}}`` in a rezconfig
  file (or ``REZ_OPTIONVARS_JSON='{"pyrer": {"rez_plugin": true}}'``).

This module is a top-level module of its own and imports nothing from pyrer until
it is switched on, and nothing here raises: in rez 3.4.0 a plugin that fails to import
breaks every package-repository plugin, so any problem (rez version mismatch, a broken
pyrer install) becomes a ``RuntimeWarning`` and rez's builtin class.
"""

from __future__ import annotations

import os
import warnings
from typing import Any, Optional

ENV = "PYRER_REZ_PLUGIN"
_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")


def enabled() -> bool:
    """Whether the environment or rez's configuration switches the plugin on."""
    from_env = _switch(os.environ.get(ENV))
    if from_env is not None:
        return from_env
    try:
        from rez.config import config

        pyrer_vars = (config.optionvars or {}).get("pyrer") or {}
        return bool(pyrer_vars.get("rez_plugin", False))
    except Exception as err:
        warnings.warn(f"pyrer: cannot read rez's optionvars ({err!r}); plugin off",
                      RuntimeWarning, stacklevel=2)
        return False


def _switch(value: Optional[str]) -> Optional[bool]:
    value = (value or "").strip().lower()
    if not value:
        return None  # unset or empty: rez's configuration decides
    if value in _ON:
        return True
    if value in _OFF:
        return False
    warnings.warn(f"pyrer: {ENV}={value!r} is not one of {_ON + _OFF}; plugin off",
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
        warnings.warn(f"pyrer: the scanner-backed rez repository is unavailable ({err!r}); "
                      "using rez's builtin filesystem repository", RuntimeWarning, stacklevel=2)
        return builtin
