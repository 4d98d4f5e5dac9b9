name = "maya"

version = "2023.3"

requires = ["python-3.9"]

tools = ["maya", "mayapy", "Render", "mayabatch"]

uuid = "15d07cb0-67fe-4ca4-aa2f-11d72faa8369"


@early()
def variants():
    import ast
    import os

    cook = os.getenv("REZ_COOK_VARIANT")
    if cook:
        # building: the variant we were asked for
        return [ast.literal_eval(cook)]
    return [
        ["platform-linux", "arch-x86_64", "cfg"],
        ["platform-windows", "arch-AMD64", "cfg"],
    ]


def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")
    env.MAYA_VERSION = "{this.version}"
    # env.PATH.append("{root}/bin/legacy")


build_command = "bash {root}/build.sh {install}"
