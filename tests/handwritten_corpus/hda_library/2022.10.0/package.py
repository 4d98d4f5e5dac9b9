# -*- coding: utf-8 -*-

version = "2022.10.0"

name = "hda_library"

variants = [
    ["houdini-19.0"],
    ["houdini-19.5"],
]

uuid = "packages.{}-{}".format(name, version)


def commands():
    env.HOUDINI_PATH.prepend("{root}/houdini")
