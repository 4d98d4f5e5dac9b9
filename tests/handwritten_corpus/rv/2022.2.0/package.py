# -*- coding: utf-8 -*-

name = "rv"

version = "2022.2.0"

authors = [
    "mlee",
    "jdoe"
]

variants = [
    ["platform-linux"]
]

tools = [
    "rv",
    "rvio",
    "rvpkg"
]

uuid = "a95952662295c9fc655f3d6063e7dfb0"


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
    env.RV_VERSION.set("{this.version}")