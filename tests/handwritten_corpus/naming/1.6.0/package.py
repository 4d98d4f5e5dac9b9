name = "naming"


version = "1.6.0"


description = \
    """
    In-house pipeline tool.
    """


requires = [
    "click",
]


tools = [
    "naming",
    "naming_gui",
]


def commands():
    env = globals()["env"]
    this = globals()["this"]

    env.PYTHONPATH.prepend("{root}/python")
    env.PATH.prepend("{root}/bin")

    if "maya" in resolve:
        env.MAYA_SCRIPT_PATH.append("{root}/maya/scripts")
    print "naming: environment ready"
