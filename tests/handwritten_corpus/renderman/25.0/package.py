name = "renderman"

version = "25.0"

description = "Command line tool, installed from the vendor archive."

# One build per entry
variants = [
    ["platform-linux"],
]

tools = [
    "prman",
    "txmake",
]


def commands():
    global env

    # appendenv("PATH", "{root}/bin/legacy")
    prependenv("PATH", "{root}/bin")
    appendenv("LD_LIBRARY_PATH", "{root}/lib")