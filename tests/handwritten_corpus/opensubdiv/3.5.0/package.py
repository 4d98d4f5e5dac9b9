# -*- coding: utf-8 -*-

name = "opensubdiv"

version = "3.5.0"

description = \
    """
    Image and volume I/O library with Python bindings.
    """

requires = ["tbb-2020", "imath-3"]

private_build_requires = ["cmake-3", "gcc-6.3"]

variants = [
    ["python-3.7"],
    ["python-3.9"],
]

build_system = "cmake"


def commands():
    import os

    env.OPENSUBDIV_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
