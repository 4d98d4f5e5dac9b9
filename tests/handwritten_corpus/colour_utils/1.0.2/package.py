# -*- coding: utf-8 -*-
#
# rez package definition for colour_utils.
# Edit version and requirements here; the payload is built by the build script.
#


name = 'colour_utils'

version = '1.0.2'

# authors
authors = [
    'pipeline',
]

requires = [
    '~nuke-13',
    'pyyaml',
]

build_command = 'python {root}/install.py'


@early()
def build_requires():
    import platform

    if platform.system() == "Windows":
        return ["cmake-3", "visual_studio-2019"]
    return ["cmake-3", "gcc-9"]


def commands():
    env.PYTHONPATH.prepend('{root}/python')
    env.PATH.prepend('{root}/bin')
    alias('colour_utils', 'python -m colour_utils')
