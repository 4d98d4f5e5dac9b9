name = "naming"


version = "1.5.0"


description = \
    """
    In-house pipeline tool.
    """


# Runtime requirements
requires = [
    "click",
]


tools = [
    "naming",
    "naming_gui",
]


def commands():
    env = globals()["env"]

    env.PYTHONPATH.prepend("{root}/python")
    env.PATH.append("{root}/bin")
    env.NAMING_CONFIG.set("{root}/config")
    print "naming: environment ready"
