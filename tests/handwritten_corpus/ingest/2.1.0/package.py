# -*- coding: utf-8 -*-
#
# rez package definition for ingest.
# Edit version and requirements here; the payload is built by the build script.
#

version = "2.1.0"

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


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
    env.INGEST_CONFIG = "{root}/config"
