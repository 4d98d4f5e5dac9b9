import platform

name = "scene_checker"

version = "1.2.0"

description = "Utilities shared by the publishing tools."

authors = [
    "Studio Pipeline Team"
]

requires = [
    "python-3"
]

# tests
tests = {
    "unit": "python -m pytest {root}/tests",
    "lint": {
        "command": "flake8 {root}/python",
        "requires": ["flake8"],
        "run_on": "explicit",
    },
}

cachable = True


variants = []

if platform.system() == "Darwin":
    variants.append(["platform-osx", "arch-x86_64"])
elif platform.system() == "Linux":
    variants.append(["platform-linux", "arch-x86_64"])
elif platform.system() == "Windows":
    variants.append(["platform-windows", "arch-AMD64"])


def commands():
    env.PYTHONPATH.append("{root}/python")
    env.PATH.prepend("{root}/bin")

    if "maya" in resolve:
        env.MAYA_SCRIPT_PATH.append("{root}/maya/scripts")


build_command = "python {root}/install.py"