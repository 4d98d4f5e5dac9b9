name = "pyblish_base"

version = "1.8.8"

# Runtime requirements
requires = [
    "python-2.7+<4",
]

uuid = "02648ebe-db9c-4a93-a322-5311dced4140"


def commands():
    import os

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
    env.PATH.append(os.path.join("{root}", "bin"))
