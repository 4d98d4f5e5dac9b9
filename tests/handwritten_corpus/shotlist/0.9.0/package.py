name = "shotlist"
version = "0.9.0"
help = "https://wiki.studio.example/shotlist"
requires = [
    "click",
    "~nuke-13",
    "!PySide",
]
variants = [
    ["maya-2022"],
    ["maya-2023"],
]
tools = [
    "shotlist",
]
uuid = "studio.shotlist"

def commands():
    """Set up the environment."""
    import os

    global env
    global building

    env.PYTHONPATH.append(os.path.join("{root}", "python"))
    env.PATH.append(os.path.join("{root}", "bin"))
