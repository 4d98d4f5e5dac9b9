# -*- coding: utf-8 -*-

name = 'pyopengl'

version = '3.1.6'

description = \
    """
    Pure python module.
    """

# Runtime requirements
requires = []

variants = [
    ['python-2.7'],
    ['python-3.7']
]


def commands():
    env.PYTHONPATH.append('{root}/python')
    # env.PATH.append('{root}/bin/legacy')
    env.PATH.append('{root}/bin')
