# -*- coding: utf-8 -*-

version = "9"
name = "devtoolset"
# One build per entry
variants = [
    ["platform-linux"],
]

@early()
def build_command():
    import sys

    if sys.platform == "win32":
        return "python {root}\\rezbuild.py {install}"
    return "python {root}/rezbuild.py {install}"

def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
