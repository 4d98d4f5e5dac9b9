# -*- coding: utf-8 -*-

name = "studio_logging"

version = "1.0.0"

uuid = "repository.studio_logging"

_data = {
    "label": "Studio Logging",
    "icon": "{root}/resources/icon.png",
    "hidden": True,
}


@late()
def requires():
    reqs = ["shotgun_api3", "farm_client-5"]
    if in_context() and "maya" in request:
        reqs.append("maya_base")
    return reqs


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "python"))


build_command = "python {root}/rezbuild.py {install}"
