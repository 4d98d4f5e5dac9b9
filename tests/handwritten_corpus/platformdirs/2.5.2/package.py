# -*- coding: utf-8 -*-

name = 'platformdirs'

version = '2.5.2'

description = 'The platformdirs distribution, converted by rez-pip.'

authors = ['platformdirs maintainers']

requires = ['python-3.7+']

variants = [['python-3.9']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1671147277

help = [['Home Page', 'https://pypi.org/project/platformdirs/']]

hashed_variants = True

format_version = 2

pip_name = 'platformdirs (2.5.2)'

from_pip = True

is_pure_python = True
