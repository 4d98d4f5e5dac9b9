#
# rez package definition for studio_env.
# Edit version and requirements here; the payload is built by the build script.
#


name = "studio_env"
version = "3.1.0"
authors = ["jdoe", "R&D"]
requires = ["pipe_core-2", "~maya-2022", "~nuke-13", "~houdini-19.5"]
_environ = {
    "PYTHONPATH": ["{root}/python"],
    "SHOW_RES": "2048x858",
}

def commands():
    global env
    global alias

    env.SITE_NAME.set("studio_env")

    for key, value in this._environ.items():
        if isinstance(value, list):
            for item in value:
                env[key].append(expandvars(item))
        else:
            env[key] = expandvars(value)

build_command = "python {root}/rezbuild.py {install}"
