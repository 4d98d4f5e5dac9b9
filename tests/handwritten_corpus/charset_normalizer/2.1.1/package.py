# -*- coding: utf-8 -*-

name = 'charset_normalizer'

version = '2.1.1'

description = 'The charset_normalizer distribution, converted by rez-pip.'

authors = ['charset_normalizer maintainers']

variants = [['python-3.9']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1671060864

help = [['Home Page', 'https://pypi.org/project/charset_normalizer/']]

hashed_variants = True

format_version = 2

pip_name = 'charset_normalizer (2.1.1)'

from_pip = True

is_pure_python = True
