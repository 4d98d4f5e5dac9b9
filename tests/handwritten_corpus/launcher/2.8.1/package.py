# -*- coding: utf-8 -*-

from rez.utils.lint_helper import env  # keeps flake8 quiet
name = 'launcher'
version = '2.8.1'
requires = [
    'farm_client-5',
    'six',
    'click',
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
