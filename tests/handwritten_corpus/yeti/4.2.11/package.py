version = "4.2.11"

name = "yeti"

description = \
    """
    Plug-in and scripts for the DCC.
    """

# One build per entry
variants = [
    ["maya-2020"],
    ["maya-2022"],
    ["maya-2023"],
]

build_command = "python {root}/rezbuild.py {install}"

uuid = "packages.{}-{}".format(name, version)


def commands():
    env.MAYA_MODULE_PATH.append("{root}/modules")
    env.MAYA_PLUG_IN_PATH.append("{root}/plug-ins/{resolve.maya.version.major}")
    major = getenv("REZ_MAYA_MAJOR_VERSION")
    env.PATH.append("{root}/bin/" + major)
