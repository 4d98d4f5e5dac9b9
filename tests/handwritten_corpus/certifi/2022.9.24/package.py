# -*- coding: utf-8 -*-

name = 'certifi'

version = '2022.9.24'

description = 'The certifi distribution, converted by rez-pip.'

authors = ['certifi maintainers']

requires = ['python-3.7+']

variants = [['python-3.9']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1670801625

help = [['Home Page', 'https://pypi.org/project/certifi/']]

hashed_variants = True

format_version = 2

pip_name = 'certifi (2022.9.24)'

from_pip = True

is_pure_python = True
