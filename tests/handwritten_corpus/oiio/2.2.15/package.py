# -*- coding: utf-8 -*-

name = "oiio"

version = "2.2.15"

description = \
    """
    OpenImageIO and its tools (oiiotool, maketx).
    """

requires = [
    "tbb-2019",
    "zlib-1.2"
]


def commands():
    env.OIIO_ROOT = "{root}"
    env.LD_LIBRARY_PATH.prepend("{root}/lib64")