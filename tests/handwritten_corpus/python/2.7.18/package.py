import platform

name = 'python'

version = '2.7.18'

# Exposed executables
tools = ['python', 'pip']

uuid = 'd6acd8a0-f22b-4ef5-ab9a-45def7433faf'

_data = {
    'label': 'Python',
    'icon': '{root}/resources/icon.png',
}


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
    env.LD_LIBRARY_PATH.append(os.path.join('{root}', 'lib'))


build_command = 'python {root}/rezbuild.py {install}'