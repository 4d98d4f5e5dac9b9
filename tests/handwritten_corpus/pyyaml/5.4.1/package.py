# -*- coding: utf-8 -*-


name = "pyyaml"

version = "5.4.1"

description = """Python library, vendored for the pipeline."""

# Runtime requirements
requires = [
    "python",
]


def commands():
    appendenv("PYTHONPATH", "{root}/site-packages")


build_command = "python {root}/rezbuild.py {install}"
