name = 'proj_alpha'
version = '1.0.0'
authors = ['k.tanaka']
requires = [
    '~python-3.7',
    'launcher-2'
    # 'maya-2019',
]

def commands():
    env = globals()["env"]
    this = globals()["this"]

    env.PROJECT_NAME.set('alpha')

build_command = 'python {root}/rezbuild.py {install}'
