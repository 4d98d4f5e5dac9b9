import os

name = "ninja"

version = "1.11.1"

description = \
    """
    Compiler toolchain used by the build farm.
    """

authors = [
    "pipeline",
    "Studio Pipeline Team"
]

variants = [
    ["platform-linux", "arch-x86_64"]
]

tools = [
    "ninja"
]

uuid = "b4797fc0771fe20850067445c39504f2"


_site = os.environ.get("STUDIO_SITE", "main")
if _site == "remote":
    requires = ["vpn_tools"]



def commands():
    env.PATH.prepend("{root}/bin")
    env.LD_LIBRARY_PATH.append("{root}/lib")