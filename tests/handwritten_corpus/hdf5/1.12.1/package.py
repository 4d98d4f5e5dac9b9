# -*- coding: utf-8 -*-

name = "hdf5"

version = "1.12.1"

description = \
    """
    Fast image codecs — built with SIMD enabled.
    """

authors = [
    "Studio Pipeline Team"
]

requires = [
    "opensubdiv-3",
    "openexr-2.4"
]

build_requires = [
    "python-3",
    "cmake-3.16+<4"
]

uuid = "repository.hdf5"


def commands():
    appendenv("LD_LIBRARY_PATH", "{root}/lib64")
    prependenv("PATH", "{root}/bin")
    appendenv("PYTHONPATH", "{root}/lib/python/site-packages")

    if building:
        appendenv("CMAKE_PREFIX_PATH", "{root}")
