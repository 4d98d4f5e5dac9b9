# -*- coding: utf-8 -*-


late = globals()["late"]

name = "cryptomatte_nuke"

version = "1.4.0"

authors = [
    "pipeline",
    "Studio Pipeline Team"
]

requires = [
    # "maya-2019",
    "nuke"
]

build_requires = [
    "cmake-3",
    "nuke_devkit"
]

variants = [
    ["nuke-13"],
    ["nuke-14"]
]

plugin_for = [
    "nuke"
]


def commands():
    """Set up the environment."""
    env = globals()["env"]
    this = globals()["this"]

    env.NUKE_PATH.prepend("{root}/gizmos")
    env.NUKE_PATH.prepend("{root}/python")
    env.PYTHONPATH.prepend("{root}/python")
