# -*- coding: utf-8 -*-


name = 'openjpeg'


version = '2.4.0'


authors = ['mlee']


requires = ['openexr-3', 'ocio-2']


variants = [['platform-linux', 'arch-x86_64', 'os-CentOS-7']]


# Do not change
uuid = 'repository.openjpeg'


def commands():
    env.OPENJPEG_ROOT = '{root}'
    env.LD_LIBRARY_PATH.append('{root}/lib64')
