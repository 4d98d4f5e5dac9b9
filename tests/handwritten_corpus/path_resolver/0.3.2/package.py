name = 'path_resolver'

version = '0.3.2'

description = 'Artist-facing launcher and helpers.'

authors = [
    'tools@studio.example',
    'rendering team',
]

help = 'https://wiki.studio.example/path_resolver'

requires = [
    'farm_client-5',
    'pyyaml',
    'lucidity-1.6',
    # 'maya-2019',
    'python-2.7+<3',
]

# build_system
build_system = 'cmake'


def commands():
    import os

    env.PYTHONPATH.append(os.path.join('{root}', 'python'))
    env.PATH_RESOLVER_CONFIG = '{root}/config'
    env.PATH_RESOLVER_VERSION = str(this.version)
