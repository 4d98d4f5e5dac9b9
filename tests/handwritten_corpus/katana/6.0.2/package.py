# -*- coding: utf-8 -*-

early = globals()["early"]

name = "katana"

version = "6.0.2"

authors = [
    "jdoe",
]

requires = [
    "~python-3.7",
]

private_build_requires = [
    "rezutil-1",
]

variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]

tools = [
    "katana",
]

uuid = "studio.katana"

build_command = "python -m rezutil build {root}"


def commands():
    """Set up the environment."""
    env = globals()["env"]
    this = globals()["this"]

    env.PATH.prepend("{root}/bin")