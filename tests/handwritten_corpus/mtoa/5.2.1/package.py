# -*- coding: utf-8 -*-

name = 'mtoa'


version = '5.2.1'


# Runtime requirements
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
    this = globals()["this"]

    env.MAYA_MODULE_PATH.prepend('{root}/modules')
