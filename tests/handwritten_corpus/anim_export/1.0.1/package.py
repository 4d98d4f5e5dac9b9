version = "1.0.1"

name = "anim_export"

requires = ["pyyaml", "qtpy", "path_resolver"]

variants = [
    ["python-2.7"],
    ["python-3.7"],
]

uuid = "1718a804f2cf632a43e7397086db83f5"


def commands():
    global env

    env.PYTHONPATH.prepend("{root}/python")
    env.PATH.prepend("{root}/bin")
    env.ANIM_EXPORT_CONFIG.set("{root}/config")
    env.ANIM_EXPORT_VERSION = str(this.version)
