name = "shotgun_api3"

version = "3.3.4"

authors = [
    "pipeline",
    "tools@studio.example"
]

variants = [
    ["python-2.7"],
    ["python-3.7"]
]

build_command = "python {root}/rezbuild.py {install}"


def commands():
    env.PYTHONPATH.prepend("{root}/lib/python")
