name = "gcc"
private_build_requires = [
    "rezutil-1",
]
variants = [
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
]
tools = [
    "gcc",
    "g++",
]
uuid = "df7236e234e4f25dd6b96366f73a8fcf"
build_command = "python -m rezutil build {root}"

@early()
def version():
    import os

    return os.environ.get("GCC_PAYLOAD_VERSION", "6.3.1")

def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
    env.GCC_VERSION = "{this.version}"
