# -*- coding: utf-8 -*-

name = "ocio"

version = "1.1.1"

requires = [
    "boost-1.70",
    "tbb-2020",
    "zlib-1.2"
]

build_requires = [
    "gcc-9"
]

variants = [
    ["platform-linux", "arch-x86_64", "python-2.7"],
    ["platform-linux", "arch-x86_64", "python-3.7"]
]


def commands():
    """Set up the environment."""
    import os

    global env

    env.OCIO_ROOT = "{root}"
    # env.PATH.append("{root}/bin/legacy")
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))
