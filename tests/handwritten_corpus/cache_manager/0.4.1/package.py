# -*- coding: utf-8 -*-
#
# rez package definition for cache_manager.
# Edit version and requirements here; the payload is built by the build script.
#

from rez.utils.lint_helper import env  # keeps flake8 quiet

name = "cache_manager"

version = "0.4.1"

description = "In-house pipeline tool."

requires = [
    "~nuke-13",
    "studio_logging-1",
    "naming-1.5+",
    "lucidity-1.6",
]

build_requires = [
    "python",
]

variants = [
    ["python-3.7"],
    ["python-3.9"],
]

tools = [
    "cache_manager",
]

uuid = "0ac449a79929ab24cf6ee59d58b8483e"

tests = {
    "unit": "python -m pytest {root}/tests",
    "lint": {
        "command": "flake8 {root}/python",
        "requires": ["flake8"],
        "run_on": "explicit",
    },
}

build_command = "python {root}/rezbuild.py {install}"


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
    env.PATH.append(os.path.join("{root}", "bin"))
