# -*- coding: utf-8 -*-

name = 'proj_bluefin'

version = '2.3.0'

requires = ['pipe_core-2', '~maya-2022', '~nuke-13', '~houdini-19.5']

_environ = {
    'PYTHONPATH': ['{root}/python'],
    'SHOW_RES': '2048x858',
}

build_command = 'python {root}/rezbuild.py {install}'


def commands():
    import os

    env.PROJECT_NAME.set('bluefin')

    for key, value in this._environ.items():
        if isinstance(value, list):
            for item in value:
                env[key].append(expandvars(item))
        else:
            env[key] = expandvars(value)
