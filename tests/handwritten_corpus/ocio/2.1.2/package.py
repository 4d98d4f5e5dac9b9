# -*- coding: utf-8 -*-

name = "ocio"

version = "2.1.2"

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
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib"))
    env.PATH.append(os.path.join("{root}", "bin"))
    env.PYTHONPATH.append(os.path.join("{root}", "lib", "python", "site-packages"))

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
