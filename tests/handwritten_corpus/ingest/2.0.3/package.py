# -*- coding: utf-8 -*-
#
# rez package definition for ingest.
# Edit version and requirements here; the payload is built by the build script.
#


version = "2.0.3"

name = "ingest"

authors = [
    "k.tanaka",
]

requires = [
    "naming-1.5+",
]

build_requires = [
    "python",
]

uuid = "studio.ingest"

_data = {
    "label": "Ingest",
    "icon": "{root}/resources/icon.png",
}


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
