# -*- coding: utf-8 -*-

name = "pyyaml"

version = "6.0"

description = """Python library, vendored for the pipeline."""

requires = [
    # "python-2.7",
    "python",
]


def commands():
    appendenv("PYTHONPATH", "{root}/lib/python")
    # appendenv("PATH", "{root}/bin/legacy")


build_command = "python {root}/rezbuild.py {install}"
