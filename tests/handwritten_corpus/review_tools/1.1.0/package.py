# -*- coding: utf-8 -*-

version = "1.1.0"

name = "review_tools"

# Runtime requirements
requires = [
    "six",
]

tools = [
    "review_tools",
    "review_tools_gui",
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    env.PYTHONPATH.append("{root}/python")
    env.PATH.prepend("{root}/bin")
