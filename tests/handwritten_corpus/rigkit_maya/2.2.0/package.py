name = "rigkit_maya"
version = "2.2.0"
requires = ["maya"]
variants = [["maya-2022", "platform-linux"]]
# plugin_for
plugin_for = ["maya"]

def commands():
    env.MAYA_MODULE_PATH.append("{root}/modules")
    major = getenv("REZ_MAYA_MAJOR_VERSION")
    env.PATH.append("{root}/bin/" + major)

build_command = "bash {root}/build.sh {install}"
