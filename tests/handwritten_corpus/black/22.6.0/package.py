# -*- coding: utf-8 -*-

name = "black"


version = "22.6.0"


authors = ["asmith"]


requires = ["python-3"]


uuid = "repository.black"


def commands():
    global env

    env.PYTHONPATH.append("{root}/site-packages")