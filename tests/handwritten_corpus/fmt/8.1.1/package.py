# -*- coding: utf-8 -*-
#
# rez package definition for fmt.
# Edit version and requirements here; the payload is built by the build script.
#

from rez.utils.lint_helper import env, building, resolve

name = "fmt"

version = "8.1.1"

description = """Third party library, built from the upstream release tarball."""

requires = [
    "blosc-1",
    "boost-1.70",
]

private_build_requires = [
    "clang-13",
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    appendenv("LD_LIBRARY_PATH", "{root}/lib64")
    appendenv("PATH", "{root}/bin")

    if building:
        appendenv("CMAKE_PREFIX_PATH", "{root}")
