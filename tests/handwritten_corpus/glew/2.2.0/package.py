name = "glew"

version = "2.2.0"

authors = [
    "mlee",
]

requires = [
    "imath-3",
    "oiio-2.2",
]

build_requires = [
    "clang-13",
]

uuid = "repository.glew"


def commands():
    env = globals()["env"]
    this = globals()["this"]

    env.GLEW_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append("{root}/lib")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")


build_command = "python {root}/rezbuild.py {install}"
