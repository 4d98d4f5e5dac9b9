# -*- coding: utf-8 -*-
#
# rez package definition for click.
# Edit version and requirements here; the payload is built by the build script.
#


name = "click"

version = "7.1.2"

# Shown in the launcher
description = """Python bindings, pinned for the current show."""

variants = [
    ["python-3.7"],
    ["python-3.9"]
]


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "lib/python"))
    env.PATH.append(os.path.join("{root}", "bin"))
