name = "gtest"


version = "1.11.0"


authors = [
    "asmith",
    "rendering team",
]


requires = [
    "oiio-2.2",
    "openexr-3",
    "imath-3",
]


private_build_requires = [
    "gcc-9",
]


variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]


uuid = "studio.gtest"


@early()
def tools():
    import platform

    tools = ["gtest", "gtest_batch"]
    if platform.system() == "Windows":
        tools = [t + ".exe" for t in tools]
    return tools


def commands():
    """Set up the environment."""
    appendenv("LD_LIBRARY_PATH", "{root}/lib64")

    if building:
        appendenv("CMAKE_PREFIX_PATH", "{root}")


build_command = "python {root}/install.py"
