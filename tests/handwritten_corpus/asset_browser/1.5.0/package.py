# -*- coding: utf-8 -*-


name = "asset_browser"
version = "1.5.0"
description = "Artist-facing launcher and helpers."
requires = [
    "!PySide",
    "pyside2",
    "click",
    "shotgun_api3",
]
tools = [
    "asset_browser",
]
build_command = "python {root}/rezbuild.py {install}" + " --clean"

def commands():
    env.PYTHONPATH.append("{root}/python")
    env.PATH.append("{root}/bin")
