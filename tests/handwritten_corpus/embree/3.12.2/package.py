import sys

name = "embree"

version = "3.12.2"

description = \
    """
    A C++ library built against the VFX reference platform.
    """

authors = [
    "Pipeline TD",
]

requires = [
    "oiio-2.2",
    "opensubdiv-3",
]

private_build_requires = [
    "python-3",
]

variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]


if sys.platform.startswith("win"):
    build_command = "cmd /c {root}\\build.bat {install}"
else:
    build_command = "bash {root}/build.sh {install}"


def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib64")
    env.PATH.prepend("{root}/bin")
    env.PYTHONPATH.append("{root}/lib/python/site-packages")

    # env.PATH.append("{root}/bin/legacy")
    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
