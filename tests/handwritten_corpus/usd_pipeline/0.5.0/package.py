# -*- coding: utf-8 -*-

name = "usd_pipeline"

version = "0.5.0"

description = \
    """
    In-house pipeline tool.
    """

requires = ["pyyaml", "shotgun_api3"]

variants = [
    ["python-3.7"],
    ["python-3.9"]
]

tools = ["usd_pipeline"]

uuid = "9a49bfbf-1949-42af-a980-5df54c1939cc"

tests = {
    "unit": "python -m pytest {root}/tests",
    "lint": {
        "command": "flake8 {root}/python",
        "requires": ["flake8"],
        "run_on": "explicit",
    },
}

build_command = "python {root}/rezbuild.py {install}"


with scope("config") as config:
    import os

    if os.environ.get("RELEASE_AS", "int") == "ext":
        config.release_packages_path = "/studio/rez/ext"
    else:
        config.release_packages_path = "/studio/rez/int"


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
    env.PATH.append(os.path.join("{root}", "bin"))
    alias("usd_pipeline", "python -m usd_pipeline")
