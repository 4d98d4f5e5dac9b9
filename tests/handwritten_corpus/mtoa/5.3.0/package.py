# -*- coding: utf-8 -*-


name = 'mtoa'


version = '5.3.0'


requires = [
    'python-3'
]


build_requires = [
    'cmake-3',
    'maya_devkit'
]


private_build_requires = [
    'rezutil-1'
]


variants = [
    ['maya-2022', 'platform-linux']
]


build_command = 'python -m rezutil build {root}'


def commands():
    env = globals()["env"]

    env.MAYA_MODULE_PATH.append('{root}/modules')
    env.MAYA_PLUG_IN_PATH.append('{root}/plug-ins/{resolve.maya.version.major}')
