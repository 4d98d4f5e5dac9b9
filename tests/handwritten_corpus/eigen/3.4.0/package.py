name = 'eigen'

version = '3.4.0'

description = \
    """
    Image and volume I/O library with Python bindings.
    """

requires = [
    'alembic-1.7',
    'libpng-1.6',
]

private_build_requires = [
    'cmake-3',
]

# One build per entry
variants = [
    ['python-3.7'],
    ['python-3.9'],
]

build_command = 'bash {root}/build.sh {install}'


def commands():
    env.EIGEN_ROOT = '{root}'
    env.LD_LIBRARY_PATH.append('{root}/lib')
    env.PATH.append('{root}/bin')

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append('{root}')
