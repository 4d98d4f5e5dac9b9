# -*- coding: utf-8 -*-

name = "jinja2"

version = "3.1.2"

description = "Python bindings, pinned for the current show."

requires = ["python-3"]

uuid = "repository.jinja2"


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
