name = "git"


version = "2.39.0"


authors = ["Studio Pipeline Team"]


# Only needed to build
private_build_requires = ["rezutil-1"]


variants = [["platform-linux", "arch-x86_64", "os-CentOS-7"]]


tools = ["git"]


def commands():
    import os

    global env
    global expandvars
    global resolve

    env.PATH.append(os.path.join("{root}", "bin"))
    env.GIT_VERSION = "{this.version}"


build_command = "python -m rezutil build {root}"
