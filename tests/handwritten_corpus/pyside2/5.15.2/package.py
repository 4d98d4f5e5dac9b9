# -*- coding: utf-8 -*-


name = 'pyside2'

version = '5.15.2'

authors = [
    'tools@studio.example'
]

requires = [
    'python-3.7+<3.11',
    'six'
]

uuid = 'repository.pyside2'


def commands():
    env.PYTHONPATH.append('{root}/python')
    # env.PATH.append('{root}/bin/legacy')
