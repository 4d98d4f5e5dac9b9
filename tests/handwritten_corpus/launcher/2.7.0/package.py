# -*- coding: utf-8 -*-

from rez.utils.lint_helper import env
name = 'launcher'
version = '2.7.0'
requires = [
    'farm_client-5',
    'six',
    'click',
    # 'python-2.7',
    'qtpy'
]
build_requires = [
    'python-3'
]
variants = [
    ['python-2.7'],
    ['python-3.7']
]
build_command = 'python {root}/install.py'

def commands():
    import os

    env.PYTHONPATH.append(os.path.join('{root}', 'python'))
    env.PATH.append(os.path.join('{root}', 'bin'))
    env.LAUNCHER_VERSION = str(this.version)
