# -*- coding: utf-8 -*-

name = 'idna'

version = '3.4'

description = 'The idna distribution, converted by rez-pip.'

authors = ['idna maintainers']

variants = [['python-3.9']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1670888038

help = [['Home Page', 'https://pypi.org/project/idna/']]

hashed_variants = True

format_version = 2

pip_name = 'idna (3.4)'

from_pip = True

is_pure_python = True
