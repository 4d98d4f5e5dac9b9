name = "texture_tools"

version = "0.8.5"

description = """Small CLI used by production."""

requires = ["pipe_core-2", "lucidity-1.6"]

variants = [
    ["maya-2022"],
    ["maya-2023"],
]

build_command = "bash {root}/build.sh {install}"


def commands():
    env.PYTHONPATH.append("{root}/python")
    env.TEXTURE_TOOLS_CONFIG = "{root}/config"
