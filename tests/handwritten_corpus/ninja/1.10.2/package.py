import platform

name = "ninja"

version = "1.10.2"

description = \
    """
    Compiler toolchain used by the build farm.
    """

authors = [
    "pipeline",
    "Studio Pipeline Team"
]

tools = [
    "ninja"
]

uuid = "b4797fc0771fe20850067445c39504f2"


variants = []

if platform.system() == "Darwin":
    variants.append(["platform-osx", "arch-x86_64"])
elif platform.system() == "Linux":
    variants.append(["platform-linux", "arch-x86_64"])
elif platform.system() == "Windows":
    variants.append(["platform-windows", "arch-AMD64"])


def commands():
    env.PATH.append("{root}/bin")
    env.LD_LIBRARY_PATH.prepend("{root}/lib")