name = "markupsafe"

version = "2.1.1"

description = \
    """
    Python bindings, pinned for the current show.
    """

help = [["Home Page", "https://docs.studio.example/markupsafe/index.html"]]

uuid = "23a3cd9c-7262-431c-a93c-830ca37974a5"

variants = [
    ["platform-*", "arch-*", "python-3.7"],
]


def commands():
    env.PYTHONPATH.append("{root}/site-packages")


build_command = "python {root}/rezbuild.py {install}"
