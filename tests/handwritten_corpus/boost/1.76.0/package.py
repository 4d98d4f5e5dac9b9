# -*- coding: utf-8 -*-

import os

name = "boost"

version = "1.76.0"

description = \
    """
    Boost C++ libraries, with Boost.Python.
    """

# authors
authors = [
    "k.tanaka",
]

requires = [
    "openexr-2.4",
]

variants = [
    ["platform-linux", "arch-x86_64", "os-Rocky-9"],
]

build_command = "python {root}/rezbuild.py {install}"


_site = os.environ.get("STUDIO_SITE", "main")
if _site == "remote":
    requires = requires + ["vpn_tools"]



def commands():
    """Set up the environment."""
    env.LD_LIBRARY_PATH.prepend("{root}/lib64")
    env.PATH.append("{root}/bin")

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
