# -*- coding: utf-8 -*-

name = "qtpy"

version = "1.11.3"

description = \
    """
    Python bindings, pinned for the current show.
    """

requires = [
    "six",
]

variants = [
    ["python-3.7"],
    ["python-3.9"],
]


def commands():
    import os

    global env

    env.PYTHONPATH.append(os.path.join("{root}", "site-packages"))
    env.PATH.append(os.path.join("{root}", "bin"))
