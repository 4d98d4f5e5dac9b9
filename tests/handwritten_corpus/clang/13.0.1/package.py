# -*- coding: utf-8 -*-

name = "clang"

version = "13.0.1"

description = \
    """
    Compiler toolchain used by the build farm.
    """

authors = [
    "k.tanaka",
]

variants = [
    ["platform-linux"],
]

tools = [
    "clang",
    "clang++",
    "clang-format",
]

uuid = "63915ee5600723c3a0eb51d3b608d246"

build_command = "python {root}/rezbuild.py {install}"


def commands():
    env.PATH.append("{root}/bin")
    env.LD_LIBRARY_PATH.append("{root}/lib")
