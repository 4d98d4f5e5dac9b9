name = "numpy"
version = "1.23.4"
# Shown in the launcher
description = "Array computing for Python."
variants = [
    ["python-3.7"],
    ["python-3.9"]
]
build_command = "python {root}/rezbuild.py {install}"

def commands():
    env.PYTHONPATH.prepend("{root}/python")
