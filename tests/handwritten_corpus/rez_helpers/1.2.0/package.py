#
# rez package definition for rez_helpers.
# Edit version and requirements here; the payload is built by the build script.
#

import platform

name = "rez_helpers"

version = "1.2.0"

description = \
    """
    Small CLI used by production.
    """

requires = ["shotgun_api3", "pyyaml", "!PySide"]

build_requires = ["rez_build_helper-1"]

uuid = "repository.rez_helpers"

tests = {
    "unit": "python -m pytest {root}/tests",
    "lint": {
        "command": "flake8 {root}/python",
        "requires": ["flake8"],
        "run_on": "explicit",
    },
}

relocatable = True


variants = []

if platform.system() == "Darwin":
    variants.append(["platform-osx", "arch-x86_64"])
elif platform.system() == "Linux":
    variants.append(["platform-linux", "arch-x86_64"])
elif platform.system() == "Windows":
    variants.append(["platform-windows", "arch-AMD64"])


def commands():
    env.PYTHONPATH.append("{root}/python")
    env.REZ_HELPERS_VERSION = str(this.version)