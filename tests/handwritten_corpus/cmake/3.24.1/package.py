# -*- coding: utf-8 -*-

name = "cmake"

version = "3.24.1"

description = "Cross platform build system."

requires = []

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
def authors():
    import subprocess

    try:
        out = subprocess.check_output(
            ["git", "shortlog", "-sn", "HEAD"],
            universal_newlines=True,
            stderr=subprocess.DEVNULL,
        )
    except Exception:
        return ["pipeline"]
    return [line.split("\t")[-1] for line in out.splitlines()] or ["pipeline"]


def commands():
    appendenv("PATH", "{root}/bin")
    appendenv("LD_LIBRARY_PATH", "{root}/lib")
    setenv("CMAKE_VERSION", "{this.version}")
