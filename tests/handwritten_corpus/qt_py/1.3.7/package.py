# -*- coding: utf-8 -*-

name = "qt_py"

version = "1.3.7"

requires = [
    "python-2.7+<4"
]


def commands():
    env.PYTHONPATH.append("{root}/site-packages")
    # env.PATH.append("{root}/bin/legacy")
    env.PATH.append("{root}/bin")
