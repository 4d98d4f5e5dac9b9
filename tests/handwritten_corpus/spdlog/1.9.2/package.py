# -*- coding: utf-8 -*-


name = "spdlog"
version = "1.9.2"
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
uuid = "packages.{}-{}".format(name, version)

def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib")
