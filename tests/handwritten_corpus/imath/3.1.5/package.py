import os

name = "imath"

version = "3.1.5"

variants = [
    ["platform-linux", "arch-x86_64", "python-2.7"],
    ["platform-linux", "arch-x86_64", "python-3.7"]
]

build_command = "bash {root}/build.sh {install}"


def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib64")
    env.PATH.prepend("{root}/bin")
    env.PYTHONPATH.append("{root}/lib/python/site-packages")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
