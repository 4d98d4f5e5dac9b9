# -*- coding: utf-8 -*-

name = "shot_setup"

version = "1.9.1"

private_build_requires = ["rezutil-1"]

build_command = "python -m rezutil build {root}"


@late()
def requires():
    reqs = ["naming-1.5+", "qtpy", "studio_logging-1", "python-3.7+<4"]
    if in_context() and "maya" in request:
        reqs.append("maya_base")
    return reqs


def commands():
    """Set up the environment."""
    env.PYTHONPATH.prepend("{root}/python")
    env.PATH.append("{root}/bin")
