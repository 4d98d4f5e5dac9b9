#
# rez package definition for blender.
# Edit version and requirements here; the payload is built by the build script.
#


from rez.utils.lint_helper import env, building, scope
name = "blender"
version = "3.4.1"
description = \
    """
    Blender, from the official tarball.
    """
variants = [
    ["platform-linux"],
]
# Exposed executables
tools = [
    "blender",
]
build_command = False

def commands():
    """Set up the environment."""
    env.PATH.append("{root}/bin")
    # env.PATH.append("{root}/bin/legacy")
