# -*- coding: utf-8 -*-
#
# rez package definition for scatter_hda.
# Edit version and requirements here; the payload is built by the build script.
#


name = "scatter_hda"

version = "1.3.2"

description = "Digital assets shared across shows."

authors = [
    "tools@studio.example"
]

requires = [
    "houdini"
]

variants = [
    ["houdini-19.0"],
    ["houdini-19.5"]
]

plugin_for = [
    "houdini"
]


def commands():
    env.HOUDINI_PATH.prepend("{root}/houdini")
