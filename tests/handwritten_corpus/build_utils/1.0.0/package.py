# -*- coding: utf-8 -*-


name = "build_utils"

version = "1.0.0"

description = "In-house pipeline tool."

requires = ["python-3", "shotgun_api3"]

uuid = "66f5dcdc3771b4692b75748c26950dee"

build_command = "python {root}/install.py"


def commands():
    env.PYTHONPATH.append("{root}/python")
    print "build_utils: environment ready"
