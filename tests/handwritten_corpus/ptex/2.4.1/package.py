name = "ptex"

version = "2.4.1"

authors = ["mlee"]

requires = ["jpeg_turbo-2", "glew-2", "alembic-1.7"]

variants = [
    ["python-3.7"],
    ["python-3.9"]
]

build_command = "python {root}/rezbuild.py {install}"


@early()
def build_requires():
    import platform

    if platform.system() == "Windows":
        return ["cmake-3", "visual_studio-2019"]
    return ["cmake-3", "gcc-9"]


def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib")
