#
# rez package definition for htoa.
# Edit version and requirements here; the payload is built by the build script.
#


name = "htoa"
version = "6.2.0"
authors = ["Pipeline TD"]
requires = ["python-3"]
private_build_requires = ["rezutil-1"]
variants = [["houdini-19.5"]]
build_command = "python -m rezutil build {root}"

def commands():
    env.HOUDINI_PATH.prepend("{root}/houdini")
    env.HOUDINI_OTLSCAN_PATH.append("{root}/otls")
    env.PYTHONPATH.prepend("{root}/python")
    major = getenv("REZ_HOUDINI_MAJOR_VERSION")
    env.PATH.append("{root}/bin/" + major)
