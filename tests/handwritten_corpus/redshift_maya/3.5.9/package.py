# -*- coding: utf-8 -*-

name = "redshift_maya"

version = "3.5.9"

requires = ["python-3"]

variants = [
    ["maya-2022"],
    ["maya-2023"]
]

tools = [name, name + "_batch"]


def commands():
    import os

    env.MAYA_MODULE_PATH.append(os.path.join("{root}", "modules"))
    env.MAYA_PLUG_IN_PATH.append("{root}/plug-ins/{resolve.maya.version.major}")
    env.XBMLANGPATH.append("{root}/icons/%B")
    env.PYTHONPATH.append(os.path.join("{root}", "python"))


build_command = "python {root}/rezbuild.py {install}"
