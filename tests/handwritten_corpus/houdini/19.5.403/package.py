# -*- coding: utf-8 -*-

from rez.utils.lint_helper import env, building, scope, early, resolve  # keeps flake8 quiet
name="houdini"
version="19.5.403"
description = """SideFX Houdini."""
authors=[
    "k.tanaka",
    "asmith"
]
requires=[
    # "python-2.7",
    "python-3.7"
]
tools=[
    "houdini",
    "hython",
    "hbatch",
    "houdinifx"
]
uuid="8cd5fa1f-8907-420a-ad97-fb5790bd8bb3"
build_command=False
_data={
    "label": "Houdini",
    "icon": "{root}/resources/icon.png",
}

def commands():
    import os

    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
