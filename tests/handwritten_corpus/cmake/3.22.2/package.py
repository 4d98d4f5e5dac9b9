# -*- coding: utf-8 -*-

name = "cmake"

version = "3.22.2"

description = "Cross platform build system."

authors = [
    "jdoe"
]

private_build_requires = [
    "rezutil-1"
]

tools = [
    "cmake",
    "ctest",
    "cpack",
    "ccmake"
]

uuid = "studio.cmake"

build_command = "python -m rezutil build {root}"


@early()
def variants():
    import platform

    if platform.system() == "Windows":
        return [["platform-windows", "arch-AMD64"]]
    return [["platform-linux", "arch-x86_64"]]


def commands():
    appendenv("PATH", "{root}/bin")
    appendenv("LD_LIBRARY_PATH", "{root}/lib")
