# -*- coding: utf-8 -*-

name = "pipe_core"


version = "2.4.0"


authors = [
    "rendering team",
]


requires = [
    "studio_logging-1",
]


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
    env.PATH.append("{root}/bin")
    env.PIPE_CORE_CONFIG = "{root}/config"
