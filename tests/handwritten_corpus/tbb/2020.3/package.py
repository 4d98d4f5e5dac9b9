name="tbb"
version="2020.3"
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
    env.LD_LIBRARY_PATH.prepend("{root}/lib")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
