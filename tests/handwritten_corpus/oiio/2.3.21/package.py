# -*- coding: utf-8 -*-


name = "oiio"

version = "2.3.21"

description = \
    """
    OpenImageIO and its tools (oiiotool, maketx).
    """

requires = [
    "tbb-2019",
    "zlib-1.2"
]


def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
