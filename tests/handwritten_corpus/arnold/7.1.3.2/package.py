# -*- coding: utf-8 -*-

name = "arnold"

description = "Digital content creation application."

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
def version():
    import os

    return os.environ.get("ARNOLD_PAYLOAD_VERSION", "7.1.3.2")


def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
