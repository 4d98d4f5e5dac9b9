# -*- coding: utf-8 -*-

early = globals()["early"]

name = "katana"

version = "5.0.4"

authors = [
    "jdoe",
]

requires = [
    # "oiio-1.8",
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

    env.KATANA_LOCATION.set("/opt/Foundry/Katana{this.version}")
    env.PATH.prepend("${KATANA_LOCATION}/bin")