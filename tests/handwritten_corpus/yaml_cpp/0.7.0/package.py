# -*- coding: utf-8 -*-

name = 'yaml_cpp'

version = '0.7.0'

description = 'Threading and math primitives used by the renderers.'

authors = [
    'pipeline'
]

requires = [
    'ilmbase-2.2'
]

build_requires = [
    'python-3',
    'devtoolset-9'
]

private_build_requires = [
    'rezutil-1'
]

build_command = 'python -m rezutil build {root}'


@early()
def variants():
    import ast
    import os

    cook = os.getenv("REZ_COOK_VARIANT")
    if cook:
        # building: the variant we were asked for
        return [ast.literal_eval(cook)]
    return [
        ["platform-linux", "arch-x86_64", "cfg"],
        ["platform-windows", "arch-AMD64", "cfg"],
    ]


def commands():
    import os

    env.YAML_CPP_ROOT = '{root}'
    env.LD_LIBRARY_PATH.append(os.path.join('{root}', 'lib64'))

    if building:
        env.CMAKE_PREFIX_PATH.append('{root}')
