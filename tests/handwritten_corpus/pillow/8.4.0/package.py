# -*- coding: utf-8 -*-

from rez.utils.lint_helper import env, alias, building

name = "pillow"

version = "8.4.0"

variants = [
    ["python-3.7"],
    ["python-3.9"],
]


def commands():
    appendenv("PYTHONPATH", "{root}/lib/python")
    appendenv("PATH", "{root}/bin")
