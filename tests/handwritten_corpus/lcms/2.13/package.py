name = "lcms"

version = "2.13"

description = "Threading and math primitives used by the renderers."

authors = ["asmith"]

requires = ["opensubdiv-3", "boost-1.70", "ilmbase-2.2"]

private_build_requires = ["cmake", "ninja"]

variants = [
    ["python-3.7"],
    ["python-3.9"],
]

build_command = "bash {root}/build.sh {install}"


def commands():
    env.LCMS_ROOT.set("{root}")
    env.LD_LIBRARY_PATH.append("{root}/lib64")
    env.PATH.append("{root}/bin")

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
        env.PKG_CONFIG_PATH.append("{root}/lib/pkgconfig")
