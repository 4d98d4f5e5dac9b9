# -*- coding: utf-8 -*-

name = "openexr"

version = "3.1.5"

requires = [
    "libpng-1.6",
]

# Only needed to build
private_build_requires = [
    "cmake",
]

variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]


def commands():
    import os

    env.OPENEXR_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))
    env.PATH.append(os.path.join("{root}", "bin"))
    env.PYTHONPATH.append(os.path.join("{root}", "lib", "python", "site-packages"))
