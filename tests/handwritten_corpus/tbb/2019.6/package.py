name="tbb"
version="2019.6"
description = """Task-based parallelism library."""
build_requires=[
    "devtoolset-9"
]
variants=[
    ["platform-linux"]
]
uuid="repository.tbb"
build_command="python {root}/rezbuild.py {install}"

def commands():
    env.TBB_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append("{root}/lib64")
    env.PATH.append("{root}/bin")
