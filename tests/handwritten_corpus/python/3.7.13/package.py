import platform

name = 'python'

version = '3.7.13'

tools = ['python', 'pip']

# Do not change
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

    if system.platform == 'windows':
        env.PATH.append('{root}/bin/win64')
    else:
        env.PATH.append('{root}/bin')
    env.PYTHON_VERSION = '{this.version}'
    env.PYTHONHOME = '{root}'


build_command = 'python {root}/rezbuild.py {install}'