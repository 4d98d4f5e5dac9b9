# -*- coding: utf-8 -*-


name = "qtpy"

version = "2.2.0"

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
    global alias

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
