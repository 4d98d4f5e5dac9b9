# -*- coding: utf-8 -*-

name = "sg_events"

version = "0.7.2"

description = "Artist-facing launcher and helpers."

authors = [
    "pipeline",
    "Studio Pipeline Team",
]

requires = [
    "~maya-2022",
    "studio_logging-1",
]

# Exposed executables
tools = [
    "sg_events",
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    import os

    global env

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
    env.PATH.append(os.path.join("{root}", "bin"))
