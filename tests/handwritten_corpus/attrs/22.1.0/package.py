version = "22.1.0"

name = "attrs"

description = "Python library, vendored for the pipeline."

variants = [
    ["python-3.7"],
    ["python-3.9"],
]


def commands():
    env.PYTHONPATH.prepend("{root}/site-packages")
