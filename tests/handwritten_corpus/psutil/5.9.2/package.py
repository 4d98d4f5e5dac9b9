name = "psutil"

version = "5.9.2"

# Shown in the launcher
description = "Python bindings, pinned for the current show."

variants = [
    ["platform-*", "arch-*", "python-3.7"],
]


def commands():
    env.PYTHONPATH.prepend("{root}/python")
    # env.PATH.append("{root}/bin/legacy")
    env.PATH.prepend("{root}/bin")
