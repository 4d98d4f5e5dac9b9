# -*- coding: utf-8 -*-

name = "pipe_core"


version = "2.5.0"


authors = [
    "rendering team",
]


help = "https://wiki.studio.example/pipe_core"


requires = [
    "studio_logging-1",
]


# One build per entry
variants = [
    ["python-3.7"],
    ["python-3.9"],
]


tools = [
    "pipe_core",
]


_data = {
    "label": "Pipe Core",
    "icon": "{root}/resources/icon.png",
}


def commands():
    env.PYTHONPATH.prepend("{root}/python")
    # env.PATH.append("{root}/bin/legacy")
    env.PATH.append("{root}/bin")
