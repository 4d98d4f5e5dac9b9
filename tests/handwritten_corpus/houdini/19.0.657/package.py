# -*- coding: utf-8 -*-

from rez.utils.lint_helper import env, building, resolve  # keeps flake8 quiet
name="houdini"
version="19.0.657"
description = """SideFX Houdini."""
authors=[
    "k.tanaka",
    "asmith"
]
requires=[
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
cachable=False

def commands():
    import os

    env.PATH.append(os.path.join("{root}", "bin"))
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib"))
