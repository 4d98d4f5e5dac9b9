# -*- coding: utf-8 -*-

name = 'ok_crlf'

version = '1.0.0'

requires = ['a-1+<2', \
            'b']

variants = [
    ['c-1'],
    ['c-2']
]

timestamp = 1600129484
