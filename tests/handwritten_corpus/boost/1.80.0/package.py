# -*- coding: utf-8 -*-

import sys

name = "boost"

version = "1.80.0"

description = \
    """
    Boost C++ libraries, with Boost.Python.
    """

authors = [
    "k.tanaka",
]

requires = [
    # "oiio-1.8",
    "openexr-2.4",
]

variants = [
    ["platform-linux", "arch-x86_64", "os-Rocky-9"],
]

hashed_variants = True


if sys.platform.startswith("win"):
    build_command = "cmd /c {root}\\build.bat {install}"
else:
    build_command = "bash {root}/build.sh {install}"


def commands():
    """Set up the environment."""
    env.LD_LIBRARY_PATH.append("{root}/lib")

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")