late = globals()["late"]

name = "playblast"

version = "3.0.0"

description = "Utilities shared by the publishing tools."

authors = ["mlee", "R&D"]

requires = ["!PySide", "~nuke-13", "farm_client-5"]

variants = [
    ["python-3.7"],
    ["python-3.9"],
]

tests = {
    "unit": "python -m pytest {root}/tests",
    "lint": {
        "command": "flake8 {root}/python",
        "requires": ["flake8"],
        "run_on": "explicit",
    },
}


def commands():
    """Set up the environment."""
    env.PYTHONPATH.append("{root}/python")
    env.PLAYBLAST_CONFIG = "{root}/config"

    if "maya" in resolve:
        env.MAYA_SCRIPT_PATH.append("{root}/maya/scripts")
