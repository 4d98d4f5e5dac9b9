# -*- coding: utf-8 -*-

name = "spdlog"
version = "1.10.0"
description = \
    """
    Fast image codecs — built with SIMD enabled.
    """
requires = [
    "zlib-1.2"
]
build_requires = [
    "cmake-3.16+<4",
    "python-3"
]
variants = [
    ["platform-linux", "arch-x86_64", "python-2.7"],
    ["platform-linux", "arch-x86_64", "python-3.7"]
]
build_command = "python {root}/install.py"

def commands():
    env.SPDLOG_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append("{root}/lib")
    env.PATH.append("{root}/bin")
    # env.PATH.append("{root}/bin/legacy")
    env.PYTHONPATH.prepend("{root}/lib/python/site-packages")

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
