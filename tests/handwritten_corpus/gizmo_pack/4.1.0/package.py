name = "gizmo_pack"

version = "4.1.0"

description = "Gizmos, toolsets and Python menus."

authors = [
    "Pipeline TD"
]

requires = [
    "nuke-13+"
]

plugin_for = [
    "nuke"
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    import os

    global env
    global request
    global resolve

    env.NUKE_PATH.append(os.path.join("{root}", "gizmos"))
    env.NUKE_PATH.append(os.path.join("{root}", "python"))
