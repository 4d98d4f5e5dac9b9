name = 'substance_painter'

version = '8.2.0'

description = \
    """
    Command line tool, installed from the vendor archive.
    """

authors = [
    'Studio Pipeline Team',
    'pipeline',
]

requires = []

variants = [
    ['platform-linux', 'arch-x86_64', 'os-CentOS-7'],
]

uuid = 'e0bfac7d-16e0-4106-af34-2bc091eb8c4a'


def commands():
    global env
    global system
    global resolve
    global this

    if system.platform == 'windows':
        env.PATH.append('{root}/bin/win64')
    else:
        env.PATH.append('{root}/bin')
    env.SUBSTANCE_PAINTER_VERSION = '{this.version}'
