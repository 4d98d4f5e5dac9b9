import platform

name = "pybind11"

version = "2.10.1"

private_build_requires = ["gcc-6.3", "cmake-3.12+"]

uuid = "88dcfce4f7752f49b2562ad441e3966b"

hashed_variants = True

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

    env.PYBIND11_ROOT = "{root}"
    env.LD_LIBRARY_PATH.append(os.path.join("{root}", "lib64"))

    if building:
        env.CMAKE_PREFIX_PATH.append("{root}")