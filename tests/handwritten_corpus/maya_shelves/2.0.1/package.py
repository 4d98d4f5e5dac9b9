# -*- coding: utf-8 -*-

name = "maya_shelves"

version = "2.0.1"

description = \
    """
    Plug-in and scripts for the DCC.
    """

authors = [
    "tools@studio.example",
    "Studio Pipeline Team"
]

requires = [
    "python-3"
]

variants = [
    ["maya-2020"],
    ["maya-2022"],
    ["maya-2023"]
]

plugin_for = [
    "maya"
]


@early()
def build_requires():
    import platform

    if platform.system() == "Windows":
        return ["cmake-3", "visual_studio-2019"]
    return ["cmake-3", "gcc-9"]


def commands():
    env.MAYA_MODULE_PATH.prepend("{root}/modules")
    env.XBMLANGPATH.append("{root}/icons/%B")
    env.PYTHONPATH.prepend("{root}/python")
