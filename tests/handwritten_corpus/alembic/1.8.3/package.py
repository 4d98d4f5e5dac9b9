"""Rez package for alembic."""

name = 'alembic'

version = '1.8.3'

requires = ['ocio-2', 'blosc-1', 'ptex-2.3']

private_build_requires = ['devtoolset-9', 'cmake-3.12+']

variants = [['platform-linux', 'arch-x86_64']]


def commands():
    import os

    env.ALEMBIC_ROOT.set('{root}')
    env.LD_LIBRARY_PATH.append(os.path.join('{root}', 'lib64'))
