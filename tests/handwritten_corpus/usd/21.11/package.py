# -*- coding: utf-8 -*-

name = 'usd'

version = '21.11'

authors = ['asmith']

requires = [
    'tbb-2019',
    'hdf5-1.12',
    'openexr-3',
    # 'python-2.7',
]

# One build per entry
variants = [
    ['platform-linux', 'arch-x86_64', 'python-2.7'],
    ['platform-linux', 'arch-x86_64', 'python-3.7'],
]

uuid = 'studio.usd'


def commands():
    import os

    env.LD_LIBRARY_PATH.append(os.path.join('{root}', 'lib'))
    env.PYTHONPATH.append(os.path.join('{root}', 'lib', 'python', 'site-packages'))

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append('{root}')
        env.PKG_CONFIG_PATH.append('{root}/lib/pkgconfig')


build_command = 'python {root}/rezbuild.py {install}'
