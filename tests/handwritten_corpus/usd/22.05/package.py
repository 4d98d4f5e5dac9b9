# -*- coding: utf-8 -*-

name = 'usd'

version = '22.05'

authors = ['asmith']

requires = ['tbb-2019', 'hdf5-1.12', 'openexr-3']

variants = [
    ['platform-linux', 'arch-x86_64', 'python-2.7'],
    ['platform-linux', 'arch-x86_64', 'python-3.7'],
]

uuid = 'studio.usd'


def commands():
    import os

    env.LD_LIBRARY_PATH.append(os.path.join('{root}', 'lib'))
    env.PATH.append(os.path.join('{root}', 'bin'))

    if building:
        env.CMAKE_PREFIX_PATH.append('{root}')


build_command = 'python {root}/rezbuild.py {install}'