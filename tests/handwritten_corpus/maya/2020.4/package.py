name = "maya"

version = "2020.4"

variants = [["platform-linux", "arch-x86_64"]]

tools = ["maya", "mayapy", "Render", "mayabatch"]

uuid = "15d07cb0-67fe-4ca4-aa2f-11d72faa8369"


@early()
def requires():
    if building:
        return []
    return ["python-3.9"]


def commands():
    env.PATH.append("{root}/bin")


build_command = "bash {root}/build.sh {install}"
