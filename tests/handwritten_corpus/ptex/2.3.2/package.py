name = "ptex"

version = "2.3.2"

authors = ["mlee"]

requires = ["jpeg_turbo-2", "glew-2", "alembic-1.7"]

build_requires = ["gcc-9", "gcc-6.3"]

build_command = "python {root}/rezbuild.py {install}"


@early()
def variants():
    import platform

    if platform.system() == "Windows":
        return [["platform-windows", "arch-AMD64"]]
    return [["platform-linux", "arch-x86_64"]]


def commands():
    env.LD_LIBRARY_PATH.append("{root}/lib64")
    env.PYTHONPATH.append("{root}/lib/python/site-packages")
