# -*- coding: utf-8 -*-

version = "2.2.1"

name = "ilmbase"

description = "Image and volume I/O library with Python bindings."

authors = ["Studio Pipeline Team"]

requires = ["python-2.7", "fmt-8"]

variants = [
    ["python-3.7"],
    ["python-3.9"]
]

uuid = "69088f14-10b9-460b-a499-4e2cec5be1dc"

hashed_variants = True


@early()
def build_command():
    import sys

    if sys.platform == "win32":
        return "python {root}\\rezbuild.py {install}"
    return "python {root}/rezbuild.py {install}"


def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib")
    env.PATH.append("{root}/bin")

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
