# -*- coding: utf-8 -*-

name = 'usd'

version = '22.11'

# authors
authors = ['asmith']

requires = ['tbb-2019', 'hdf5-1.12', 'openexr-3']

variants = [
    ['platform-linux', 'arch-x86_64', 'python-2.7'],
    ['platform-linux', 'arch-x86_64', 'python-3.7'],
]

uuid = 'studio.usd'


def commands():
    import os

    # env.PATH.append('{root}/bin/legacy')
    env.USD_ROOT = '{root}'
    env.LD_LIBRARY_PATH.append(os.path.join('{root}', 'lib'))
    env.PATH.append(os.path.join('{root}', 'bin'))


build_command = 'python {root}/rezbuild.py {install}'
