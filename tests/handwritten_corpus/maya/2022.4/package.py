name = "maya"

version = "2022.4"

requires = ["python-3.9"]

tools = ["maya", "mayapy", "Render", "mayabatch"]

uuid = "15d07cb0-67fe-4ca4-aa2f-11d72faa8369"


@early()
def variants():
    pythons = ["2.7", "3.7", "3.9"]
    return [["python-%s" % v] for v in pythons]


def commands():
    if system.platform == "windows":
        env.PATH.append("{root}/bin/win64")
    else:
        env.PATH.append("{root}/bin")


build_command = "bash {root}/build.sh {install}"
