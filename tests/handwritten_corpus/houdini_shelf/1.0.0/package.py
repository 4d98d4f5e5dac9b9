name = "houdini_shelf"

version = "1.0.0"

description = "Gizmos, toolsets and Python menus."

variants = [
    ["houdini-19.0"],
    ["houdini-19.5"]
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    env = globals()["env"]
    this = globals()["this"]

    env.HOUDINI_PATH.prepend("{root}/houdini")
    # env.PATH.append("{root}/bin/legacy")
