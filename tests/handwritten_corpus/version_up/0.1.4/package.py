name = 'version_up'

version = '0.1.4'

requires = [
    'studio_logging-1',
]

tools = [
    'version_up',
    'version_up_gui',
]

uuid = 'ebd8140a99eba52c87215f8d3b6b13b5'

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

    global env

    env.PYTHONPATH.append(os.path.join('{root}', 'python'))
    env.PATH.append(os.path.join('{root}', 'bin'))
