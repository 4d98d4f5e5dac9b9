name = "renderman"

version = "24.4"

# Shown in the launcher
description = "Command line tool, installed from the vendor archive."

variants = [
    ["platform-linux"],
]

tools = [
    "prman",
    "txmake",
]


def commands():
    global env

    prependenv("PATH", "{root}/bin")
    # appendenv("PATH", "{root}/bin/legacy")
    appendenv("LD_LIBRARY_PATH", "{root}/lib")