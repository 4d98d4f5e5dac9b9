# coding: ascii
name = 'rej_cookie_ascii_non_ascii'
version = '1.0.0'
description = 'café'
requires = ['a-1']
timestamp = 1600129484
