# -*- coding: utf-8 -*-

name = "materialx"

version = "1.38.5"

# Shown in the launcher
description = "Threading and math primitives used by the renderers."

requires = [
    "blosc-1",
    "libtiff-4",
    "ptex-2.3"
]


with scope("config") as c:
    # release into the internal repository
    c.release_packages_path = "/studio/rez/int"
    c.plugins.release_vcs.git.allow_no_upstream = True


def commands():
    import os

    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib"))
    env.PATH.append(os.path.join("{root}", "bin"))
    env.PYTHONPATH.append(os.path.join("{root}", "lib", "python", "site-packages"))

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
