name = 'proj_alpha'
version = '1.1.0'
authors = ['k.tanaka']
requires = ['~python-3.7', 'launcher-2']
_environ = {
    'PYTHONPATH': ['{root}/python'],
    'SHOW_RES': '2048x858',
}

def commands():
    env = globals()["env"]
    this = globals()["this"]

    env.PROJECT_NAME = 'alpha'
    env.OCIO = '/mnt/projects/alpha/config/ocio/config.ocio'

    for key, value in this._environ.items():
        if isinstance(value, list):
            for item in value:
                env[key].append(expandvars(item))
        else:
            env[key] = expandvars(value)

build_command = 'python {root}/rezbuild.py {install}'
