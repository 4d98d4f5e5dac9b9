# -*- coding: utf-8 -*-

name = "shot_setup"

version = "2.0.0"

requires = ["naming-1.5+", "qtpy", "studio_logging-1", "python-3.7+<4"]

private_build_requires = ["rezutil-1"]

build_command = "python -m rezutil build {root}"


def commands():
    """Set up the environment."""
    env.PYTHONPATH.append("{root}/python")
    env.SHOT_SETUP_CONFIG = "{root}/config"
