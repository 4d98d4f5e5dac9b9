# -*- coding: utf-8 -*-

name = "field3d"

version = "1.7.3"

description = \
    """
    A C++ library built against the VFX reference platform.
    """

requires = [
    "libpng-1.6",
    "hdf5-1.12"
]

build_requires = [
    "devtoolset-9"
]

variants = [
    ["platform-linux", "arch-x86_64", "python-2.7"],
    ["platform-linux", "arch-x86_64", "python-3.7"]
]

uuid = "10fed5e68a16989069c3645d518c1993"

build_command = "python {root}/rezbuild.py {install}"


def commands():
    env.FIELD3D_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append("{root}/lib")
