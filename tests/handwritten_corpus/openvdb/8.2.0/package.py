# -*- coding: utf-8 -*-
#
# rez package definition for openvdb.
# Edit version and requirements here; the payload is built by the build script.
#

name = "openvdb"

version = "8.2.0"

requires = [
    "tbb-2019",
    "ilmbase-2.2",
]

private_build_requires = [
    "rezutil-1",
    "devtoolset-9",
    "cmake",
]

uuid = "7cb219066fe2ee9a81316d180c274940"


@early()
def variants():
    import platform

    if platform.system() == "Windows":
        return [["platform-windows", "arch-AMD64"]]
    return [["platform-linux", "arch-x86_64"]]


def commands():
    import os

    env.OPENVDB_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib"))


build_command = "python -m rezutil build {root}"
