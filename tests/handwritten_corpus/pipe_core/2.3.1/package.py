# -*- coding: utf-8 -*-


name = "pipe_core"


version = "2.3.1"


authors = [
    "rendering team",
]


requires = [
    "studio_logging-1",
]


variants = [
    ["python-3.7"],
    ["python-3.9"],
]


tools = [
    "pipe_core",
]


tests = {
    "unit": "python -m pytest {root}/tests",
    "lint": {
        "command": "flake8 {root}/python",
        "requires": ["flake8"],
        "run_on": "explicit",
    },
}


def commands():
    env.PYTHONPATH.prepend("{root}/python")
    env.PATH.append("{root}/bin")
    env.PIPE_CORE_CONFIG = "{root}/config"
    env.PIPE_CORE_VERSION = str(this.version)
