# -*- coding: utf-8 -*-

name = 'urllib3'

version = '1.26.12'

description = 'The urllib3 distribution, converted by rez-pip.'

authors = ['urllib3 maintainers']

requires = ['python-3.7+']

variants = [['platform-linux', 'arch-x86_64', 'os-Rocky-9', 'python-3.9']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1670974451

help = [['Home Page', 'https://pypi.org/project/urllib3/']]

hashed_variants = True

format_version = 2

pip_name = 'urllib3 (1.26.12)'

from_pip = True

is_pure_python = False
