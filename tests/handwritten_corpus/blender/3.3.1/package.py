#
# rez package definition for blender.
# Edit version and requirements here; the payload is built by the build script.
#

from rez.utils.lint_helper import env, building, resolve  # keeps flake8 quiet
name = "blender"
version = "3.3.1"
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
    # env.PATH.append("{root}/bin/legacy")
    env.PATH.append("{root}/bin")
    env.LD_LIBRARY_PATH.append("{root}/lib")
    alias("blender_safe", "blender -safe")
