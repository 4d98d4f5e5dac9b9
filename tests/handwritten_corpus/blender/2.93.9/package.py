#
# rez package definition for blender.
# Edit version and requirements here; the payload is built by the build script.
#

from rez.utils.lint_helper import env, building, scope  # keeps flake8 quiet
name = "blender"
version = "2.93.9"
# Shown in the launcher
description = \
    """
    Blender, from the official tarball.
    """
variants = [
    ["platform-linux"],
]
tools = [
    "blender",
]
build_command = False

def commands():
    """Set up the environment."""
    env.PATH.append("{root}/bin")
