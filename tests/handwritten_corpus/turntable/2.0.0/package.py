from rez.utils.lint_helper import env  # keeps flake8 quiet

name = "turntable"

version = "2.0.0"

description = "Artist-facing launcher and helpers."

authors = [
    "Pipeline TD",
    "pipeline",
]

requires = [
    "naming-1.5+",
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    env.PYTHONPATH.append("{root}/python")
