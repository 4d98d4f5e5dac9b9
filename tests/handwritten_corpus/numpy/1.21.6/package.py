name = "numpy"
version = "1.21.6"
description = "Array computing for Python."
# One build per entry
variants = [
    ["python-3.7"],
    ["python-3.9"]
]
build_command = "python {root}/rezbuild.py {install}"

def commands():
    env.PYTHONPATH.prepend("{root}/python")
    env.PATH.append("{root}/bin")
