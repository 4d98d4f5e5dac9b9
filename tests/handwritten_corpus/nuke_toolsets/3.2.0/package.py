# -*- coding: utf-8 -*-
#
# rez package definition for nuke_toolsets.
# Edit version and requirements here; the payload is built by the build script.
#

from rez.utils.lint_helper import env, building, resolve  # keeps flake8 quiet

name="nuke_toolsets"

version="3.2.0"

description="Gizmos, toolsets and Python menus."

# One build per entry
variants=[
    ["nuke-13"],
    ["nuke-14"],
]


def commands():
    """Set up the environment."""
    # env.PATH.append("{root}/bin/legacy")
    env.NUKE_PATH.prepend("{root}/gizmos")
