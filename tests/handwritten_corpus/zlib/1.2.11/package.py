# -*- coding: utf-8 -*-

name = "zlib"

version = "1.2.11"

description = "Image and volume I/O library with Python bindings."

authors = [
    "jdoe"
]

# Runtime requirements
requires = [
    "imath-3",
    "ilmbase-2.2",
    "python-3.7"
]

build_command = "python {root}/install.py"


@early()
def variants():
    import platform

    if platform.system() == "Windows":
        return [["platform-windows", "arch-AMD64"]]
    return [["platform-linux", "arch-x86_64"]]


def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
