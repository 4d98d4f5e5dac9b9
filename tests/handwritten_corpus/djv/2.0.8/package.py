name = "djv"

version = "2.0.8"

description = "Compiler toolchain used by the build farm."

authors = [
    "rendering team",
]

variants = [
    ["platform-linux"],
]

tools = [
    "djv",
    "djv_info",
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    env.PATH.append("{root}/bin")
    env.LD_LIBRARY_PATH.prepend("{root}/lib")
