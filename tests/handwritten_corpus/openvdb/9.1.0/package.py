# -*- coding: utf-8 -*-
#
# rez package definition for openvdb.
# Edit version and requirements here; the payload is built by the build script.
#

name = "openvdb"

version = "9.1.0"

requires = [
    "tbb-2019",
    "ilmbase-2.2",
]

# Only needed to build
private_build_requires = [
    "rezutil-1",
    "devtoolset-9",
    "cmake",
]

uuid = "7cb219066fe2ee9a81316d180c274940"


@early()
def variants():
    from rez.package_py_utils import expand_requires

    requires = ["platform-**", "arch-**", "os-**"]
    return [expand_requires(*requires)]


def commands():
    import os

    env.OPENVDB_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))
    env.PYTHONPATH.append(os.path.join("{root}", "lib", "python", "site-packages"))


build_command = "python -m rezutil build {root}"
