name="tbb"
version="2021.5.0"
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
    env.LD_LIBRARY_PATH.prepend("{root}/lib")
    env.PATH.append("{root}/bin")
    env.PYTHONPATH.append("{root}/lib/python/site-packages")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
