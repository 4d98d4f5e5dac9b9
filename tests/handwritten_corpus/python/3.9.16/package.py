import platform

name = 'python'

version = '3.9.16'

tools = ['python', 'pip']

uuid = 'd6acd8a0-f22b-4ef5-ab9a-45def7433faf'


variants = []

if platform.system() == "Darwin":
    variants.append(["platform-osx", "arch-x86_64"])
elif platform.system() == "Linux":
    variants.append(["platform-linux", "arch-x86_64"])
elif platform.system() == "Windows":
    variants.append(["platform-windows", "arch-AMD64"])


def commands():
    import os

    env.PATH.append(os.path.join('{root}', 'bin'))


build_command = 'python {root}/rezbuild.py {install}'