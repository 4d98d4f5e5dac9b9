name = "dailies"

version = "1.3.0"

description = """Utilities shared by the publishing tools."""

authors = ["Pipeline TD"]

requires = ["pipe_core-2", "path_resolver", "studio_logging-1"]

uuid = "repository.dailies"


def commands():
    # env.PATH.append("{root}/bin/legacy")
    env.PYTHONPATH.prepend("{root}/python")
    env.DAILIES_CONFIG = "{root}/config"

    if not getenv("STUDIO_ROOT", ""):
        stop("STUDIO_ROOT is not set, is the site package missing?")


build_command = "bash {root}/build.sh {install}"
