# -*- coding: utf-8 -*-


name="blosc"

version="1.21.1"

requires=[
    "boost-1.70",
    "hdf5-1.12",
]

build_requires=[
    "cmake-3.12+",
]

variants=[
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]

build_system="cmake"


def commands():
    env.BLOSC_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append("{root}/lib64")
