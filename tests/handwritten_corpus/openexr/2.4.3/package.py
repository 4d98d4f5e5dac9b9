# -*- coding: utf-8 -*-

name = "openexr"

version = "2.4.3"

# Runtime requirements
requires = [
    "libpng-1.6",
]

private_build_requires = [
    "cmake",
]

variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]


def commands():
    import os

    env.OPENEXR_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))
    env.PATH.append(os.path.join("{root}", "bin"))

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
