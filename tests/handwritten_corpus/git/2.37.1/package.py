name = "git"


version = "2.37.1"


authors = ["Studio Pipeline Team"]


private_build_requires = ["rezutil-1"]


variants = [["platform-linux", "arch-x86_64", "os-CentOS-7"]]


# Exposed executables
tools = ["git"]


def commands():
    import os

    global env
    global expandvars
    global building

    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")


build_command = "python -m rezutil build {root}"
