# -*- coding: utf-8 -*-


name = "rv"

version = "2023.0.1"

authors = [
    "mlee",
    "jdoe"
]

tools = [
    "rv",
    "rvio",
    "rvpkg"
]

uuid = "a95952662295c9fc655f3d6063e7dfb0"


@early()
def variants():
    import platform

    if platform.system() == "Windows":
        return [["platform-windows", "arch-AMD64"]]
    return [["platform-linux", "arch-x86_64"]]


def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
