# -*- coding: utf-8 -*-

from rez.utils.lint_helper import env

name = "pillow"

version = "9.2.0"

variants = [
    ["python-3.7"],
    ["python-3.9"],
]


def commands():
    prependenv("PYTHONPATH", "{root}/site-packages")
