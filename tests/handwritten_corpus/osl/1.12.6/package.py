# -*- coding: utf-8 -*-

import os

name = 'osl'

version = '1.12.6'

description = 'A C++ library built against the VFX reference platform.'

authors = [
    'asmith'
]

private_build_requires = [
    'devtoolset-9'
]

variants = []

build_system = 'cmake'


_site = os.environ.get('STUDIO_SITE', 'main')
if _site == 'remote':
    requires = ['vpn_tools']



def commands():
    env.LD_LIBRARY_PATH.prepend('{root}/lib')
    env.PATH.append('{root}/bin')