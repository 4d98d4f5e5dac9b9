# -*- coding: utf-8 -*-

name = "show_tnt"

version = "1.1.0"

requires = [
    "~python-3.7",
    "launcher-2",
    # "maya-2019",
]

_environ = {
    "PYTHONPATH": ["{root}/python"],
    "SHOW_RES": "2048x858",
}

build_command = "python {root}/install.py"


def commands():
    env.PROJECT_NAME = "tnt"
    env.PROJECT_ROOT.set("/mnt/projects/tnt")

    for key, value in this._environ.items():
        if isinstance(value, list):
            for item in value:
                env[key].append(expandvars(item))
        else:
            env[key] = expandvars(value)
