# -*- coding: utf-8 -*-

import platform

name = "boost"

version = "1.70.0"

description = \
    """
    Boost C++ libraries, with Boost.Python.
    """

authors = [
    "k.tanaka",
]

requires = [
    "openexr-2.4",
]

build_command = "python {root}/rezbuild.py {install}"


variants = []

if platform.system() == "Darwin":
    variants.append(["platform-osx", "arch-x86_64"])
elif platform.system() == "Linux":
    variants.append(["platform-linux", "arch-x86_64"])
elif platform.system() == "Windows":
    variants.append(["platform-windows", "arch-AMD64"])


def commands():
    """Set up the environment."""
    env.LD_LIBRARY_PATH.append("{root}/lib64")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")