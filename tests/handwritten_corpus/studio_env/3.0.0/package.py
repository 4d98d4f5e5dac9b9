#
# rez package definition for studio_env.
# Edit version and requirements here; the payload is built by the build script.
#

name = "studio_env"
version = "3.0.0"
authors = ["jdoe", "R&D"]
requires = ["pipe_core-2", "~maya-2022", "~nuke-13", "~houdini-19.5"]

def commands():
    global env

    env.SITE_NAME.set("studio_env")
    env.PROJECT_ROOT.set("/mnt/projects/studio_env")
    env.OCIO = "/mnt/projects/studio_env/config/ocio/config.ocio"

build_command = "python {root}/rezbuild.py {install}"
