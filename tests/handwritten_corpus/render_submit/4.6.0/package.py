# -*- coding: utf-8 -*-

name = 'render_submit'

version = '4.6.0'

authors = [
    'k.tanaka'
]

# Runtime requirements
requires = [
    'python-3',
    'click',
    '~nuke-13'
]

build_requires = [
    'python'
]

uuid = 'repository.render_submit'

tests = {
    'unit': 'python -m pytest {root}/tests',
    'lint': {
        'command': 'flake8 {root}/python',
        'requires': ['flake8'],
        'run_on': 'explicit',
    },
}


def commands():
    import os

    env.PYTHONPATH.append(os.path.join('{root}', 'python'))
    env.PATH.append(os.path.join('{root}', 'bin'))


build_command = 'python {root}/install.py'
