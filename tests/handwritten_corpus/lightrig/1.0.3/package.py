# -*- coding: utf-8 -*-
#
# rez package definition for lightrig.
# Edit version and requirements here; the payload is built by the build script.
#

name = "lightrig"

version = "1.0.3"

requires = [
    "farm_client-5",
    "~maya-2022",
    "python-3.7+<4",
    "pyyaml"
]

build_requires = [
    "python-3"
]

uuid = "studio.lightrig"

build_system = "cmake"


def commands():
    """Set up the environment."""
    appendenv("PYTHONPATH", "{root}/python")

    # appendenv("PATH", "{root}/bin/legacy")
    if "maya" in resolve:
        appendenv("MAYA_SCRIPT_PATH", "{root}/maya/scripts")

    if not getenv("STUDIO_ROOT", ""):
        stop("STUDIO_ROOT is not set, is the site package missing?")