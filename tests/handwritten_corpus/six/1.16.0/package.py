name = "six"

version = "1.16.0"

description = "Python bindings, pinned for the current show."

authors = [
    "tools@studio.example",
]

requires = [
    "python-2.7+<4",
]

uuid = "cceb8ff5ca6a2ca5df02137bd7f63b57"


def commands():
    env.PYTHONPATH.append("{root}/site-packages")
    env.PATH.append("{root}/bin")
