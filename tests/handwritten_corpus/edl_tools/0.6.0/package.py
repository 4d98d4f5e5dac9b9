# -*- coding: utf-8 -*-


name = 'edl_tools'

version = '0.6.0'

authors = [
    'k.tanaka'
]

requires = [
    'click',
    '!PySide',
    'shotgun_api3'
]

variants = [
    ['python-2.7'],
    ['python-3.7']
]

tools = [
    'edl_tools',
    'edl_tools_gui'
]


def commands():
    """Set up the environment."""
    import os

    env.PYTHONPATH.append(os.path.join('{root}', 'python'))
    env.PATH.append(os.path.join('{root}', 'bin'))

    if 'maya' in resolve:
        env.MAYA_SCRIPT_PATH.append('{root}/maya/scripts')
