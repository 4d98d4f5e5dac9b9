name = "ocio_nuke_tools"

version = "1.0.0"

requires = ["nuke"]

uuid = "repository.ocio_nuke_tools"

cachable = False


@early()
def build_requires():
    import platform

    if platform.system() == "Windows":
        return ["cmake-3", "visual_studio-2019"]
    return ["cmake-3", "gcc-9"]


def commands():
    appendenv("NUKE_PATH", "{root}/gizmos")
    major = getenv("REZ_NUKE_MAJOR_VERSION")
    env.PATH.append("{root}/bin/" + major)
