name = "gizmo_pack"

version = "4.0.0"

description = "Gizmos, toolsets and Python menus."

authors = [
    "Pipeline TD"
]

# Runtime requirements
requires = [
    # "maya-2019",
    "nuke-13+"
]

plugin_for = [
    "nuke"
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    import os

    global env
    global alias
    global system
    global building

    env.NUKE_PATH.append(os.path.join("{root}", "gizmos"))
    env.NUKE_PATH.append(os.path.join("{root}", "python"))
    env.PYTHONPATH.append(os.path.join("{root}", "python"))
