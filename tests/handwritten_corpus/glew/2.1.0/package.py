name = "glew"

version = "2.1.0"

authors = [
    "mlee",
]

help = [["Home Page", "https://docs.studio.example/glew/index.html"]]

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

    env.GLEW_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append("{root}/lib64")
    env.PATH.append("{root}/bin")

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")


build_command = "python {root}/rezbuild.py {install}"
