name = "rigkit_maya"
version = "2.1.0"
requires = ["maya"]
# One build per entry
variants = [["maya-2022", "platform-linux"]]
plugin_for = ["maya"]

def commands():
    env.MAYA_MODULE_PATH.prepend("{root}/modules")
    env.MAYA_PLUG_IN_PATH.append("{root}/plug-ins/{resolve.maya.version.major}")
    env.PYTHONPATH.prepend("{root}/python")
    major = getenv("REZ_MAYA_MAJOR_VERSION")
    env.PATH.append("{root}/bin/" + major)

build_command = "bash {root}/build.sh {install}"
