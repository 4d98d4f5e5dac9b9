# -*- coding: utf-8 -*-

import os

name = 'osl'

version = '1.11.17'

description = 'A C++ library built against the VFX reference platform.'

authors = [
    'asmith'
]

private_build_requires = [
    'devtoolset-9'
]

build_system = 'cmake'


_site = os.environ.get('STUDIO_SITE', 'main')
if _site == 'remote':
    requires = ['vpn_tools']



def commands():
    env.OSL_ROOT.set('{root}')
    env.LD_LIBRARY_PATH.append('{root}/lib')
    env.PATH.prepend('{root}/bin')

    # only needed when something builds against us
    if building:
        env.CMAKE_PREFIX_PATH.append('{root}')
        env.PKG_CONFIG_PATH.append('{root}/lib/pkgconfig')