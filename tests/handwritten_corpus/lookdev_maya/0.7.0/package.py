# -*- coding: utf-8 -*-

name = "lookdev_maya"

version = "0.7.0"

private_build_requires = [
    "rezutil-1"
]

variants = [
    ["maya-2022"],
    ["maya-2023"]
]

plugin_for = [
    "maya"
]


def commands():
    global env

    prependenv("MAYA_MODULE_PATH", "{root}/modules")
    appendenv("MAYA_PLUG_IN_PATH", "{root}/plug-ins/{resolve.maya.version.major}")
    appendenv("XBMLANGPATH", "{root}/icons/%B")


build_command = "python -m rezutil build {root}"
