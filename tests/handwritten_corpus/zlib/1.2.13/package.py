# -*- coding: utf-8 -*-

name = "zlib"

version = "1.2.13"

# Shown in the launcher
description = "Image and volume I/O library with Python bindings."

authors = [
    "jdoe"
]

requires = [
    "imath-3",
    "ilmbase-2.2",
    "python-3.7"
]

variants = [
    ["platform-linux", "arch-x86_64"]
]


@early()
def build_command():
    import sys

    if sys.platform == "win32":
        return "python {root}\\rezbuild.py {install}"
    return "python {root}/rezbuild.py {install}"


def commands():
    env.ZLIB_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append("{root}/lib")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
