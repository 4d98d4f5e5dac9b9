import platform

name = "pybind11"

version = "2.9.2"

private_build_requires = ["gcc-6.3", "cmake-3.12+"]

uuid = "88dcfce4f7752f49b2562ad441e3966b"

build_command = "python {root}/install.py"


variants = []

if platform.system() == "Darwin":
    variants.append(["platform-osx", "arch-x86_64"])
elif platform.system() == "Linux":
    variants.append(["platform-linux", "arch-x86_64"])
elif platform.system() == "Windows":
    variants.append(["platform-windows", "arch-AMD64"])


def commands():
    import os

    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))
    # env.PATH.append("{root}/bin/legacy")
    env.PATH.append(os.path.join("{root}", "bin"))

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")
