# -*- coding: utf-8 -*-


name = "materialx"

version = "1.38.4"

description = "Threading and math primitives used by the renderers."

requires = [
    "blosc-1",
    "libtiff-4",
    "ptex-2.3"
]


with scope("config") as config:
    import os

    if os.environ.get("RELEASE_AS", "int") == "ext":
        config.release_packages_path = "/studio/rez/ext"
    else:
        config.release_packages_path = "/studio/rez/int"


def commands():
    import os

    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))
    env.PATH.append(os.path.join("{root}", "bin"))
    env.PYTHONPATH.append(os.path.join("{root}", "lib", "python", "site-packages"))
