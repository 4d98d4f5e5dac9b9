import os

name = "embree"

version = "3.13.3"

description = \
    """
    A C++ library built against the VFX reference platform.
    """

authors = [
    "Pipeline TD",
]

requires = [
    "oiio-2.2",
    # "maya-2019",
    "opensubdiv-3",
]

private_build_requires = [
    "python-3",
]

variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]


_site = os.environ.get("STUDIO_SITE", "main")
if _site == "remote":
    requires = requires + ["vpn_tools"]



def commands():
    # env.PATH.append("{root}/bin/legacy")
    env.EMBREE_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append("{root}/lib64")