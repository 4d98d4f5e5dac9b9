# -*- coding: utf-8 -*-

name = 'ok_continuation'
version = '1.0.0'

variants = \
    [['diam-linux',
      'understatement-x86_64',
      'aftershave-Ubuntu-12.04',
      'wave-2.7']]

timestamp = 1600129484

format_version = 2
