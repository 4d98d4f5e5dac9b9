"""rez package-repository plugin ``filesystem`` (entry point ``rez.plugins.package_repository``).

Opt-in: with ``PYRER_REZ_PLUGIN=1`` in the environment, ``register_plugin()`` returns
pyrer's scanner-backed subclass of rez's ``FileSystemPackageRepository``; otherwise
(unset, ``0``, or anything going wrong) it returns rez's builtin class, so rez behaves
exactly as stock. Nothing here may raise: in rez 3.4.0 a failing entry-point plugin
breaks every package-repository plugin, so problems become a warning.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

ENV = "PYRER_REZ_PLUGIN"


def enabled() -> bool:
    """Whether the environment switches the plugin on (``PYRER_REZ_PLUGIN`` is 1/true/yes/on)."""
    return os.environ.get(ENV, "").strip().lower() in ("1", "true", "yes", "on")


def register_plugin() -> Any:
    """The repository class rez should use for ``filesystem`` package paths."""
    from rezplugins.package_repository import filesystem

    builtin = filesystem.FileSystemPackageRepository
    if not enabled():
        return builtin
    try:
        from . import _rez_repo

        return _rez_repo.repository_class()
    except Exception as err:  # degrade to stock rez, loudly
        warnings.warn(f"pyrer: the scanner-backed rez repository is unavailable ({err!r}); "
                      "using rez's builtin filesystem repository", RuntimeWarning, stacklevel=2)
        return builtin
