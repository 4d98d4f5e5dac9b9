# -*- coding: utf-8 -*-

name = "arnold"

version = "7.0.0.3"

description = "Digital content creation application."

requires = []

variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"]
]

# Exposed executables
tools = [
    "kick",
    "maketx",
    "oslc"
]

uuid = "049278069691634b63273ffbf1e85423"

build_command = "bash {root}/build.sh {install}"


@early()
def build_requires():
    import platform

    if platform.system() == "Windows":
        return ["cmake-3", "visual_studio-2019"]
    return ["cmake-3", "gcc-9"]


def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
    env.ARNOLD_VERSION.set("{this.version}")
