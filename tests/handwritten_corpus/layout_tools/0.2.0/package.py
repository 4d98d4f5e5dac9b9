name = "layout_tools"

version = "0.2.0"

description = \
    """
    Artist-facing launcher and helpers.
    """

requires = [
    "shotgun_api3",
    "click",
    "path_resolver",
]

private_build_requires = [
    "rezutil-1",
]

# One build per entry
variants = [
    ["python-3.7"],
    ["python-3.9"],
]

tools = [
    "layout_tools",
]

uuid = "d00ded17817ee8527dbfc34d0460d145"

build_command = "python -m rezutil build {root}"


def commands():
    env.PYTHONPATH.prepend("{root}/python")
    env.PATH.append("{root}/bin")
    env.LAYOUT_TOOLS_CONFIG = "{root}/config"

    if "maya" in resolve:
        env.MAYA_SCRIPT_PATH.append("{root}/maya/scripts")
