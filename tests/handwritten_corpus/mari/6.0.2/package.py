"""Rez package for mari."""

name = "mari"

version = "6.0.2"

requires = ["~python-3.7"]

variants = [["platform-linux"]]

tools = ["mari"]

uuid = "repository.mari"

build_command = "python {root}/rezbuild.py {install}"


def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
    env.MARI_VERSION = "{this.version}"
