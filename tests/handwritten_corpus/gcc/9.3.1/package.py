name = "gcc"
version = "9.3.1"
requires = []
private_build_requires = [
    "rezutil-1",
]
tools = [
    "gcc",
    "g++",
]
uuid = "df7236e234e4f25dd6b96366f73a8fcf"
build_command = "python -m rezutil build {root}"

@early()
def variants():
    import ast
    import os

    cook = os.getenv("REZ_COOK_VARIANT")
    if cook:
        # building: the variant we were asked for
        return [ast.literal_eval(cook)]
    return [
        ["platform-linux", "arch-x86_64", "cfg"],
        ["platform-windows", "arch-AMD64", "cfg"],
    ]

def commands():
    env.PATH.append("{root}/bin")
    env.GCC_VERSION.set("{this.version}")
