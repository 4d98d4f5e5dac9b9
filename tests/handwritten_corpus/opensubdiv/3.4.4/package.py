# -*- coding: utf-8 -*-

name = "opensubdiv"

version = "3.4.4"

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
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib"))
    env.PATH.append(os.path.join("{root}", "bin"))
    env.PYTHONPATH.append(os.path.join("{root}", "lib", "python", "site-packages"))
