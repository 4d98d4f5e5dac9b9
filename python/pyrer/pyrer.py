"""PyPI pyrer 1.0.0rc3's native module path, kept for code that imports from it
(``from pyrer.pyrer import solve``): the same objects as ``pyrer``'s."""

from ._native import (
    PackageData,
    ResolvedVariant,
    SolveResult,
    parse_static_package_py,
    parse_static_packages_py,
)
from ._solve import solve

__all__ = ["solve", "parse_static_package_py", "parse_static_packages_py", "PackageData",
           "ResolvedVariant", "SolveResult"]
