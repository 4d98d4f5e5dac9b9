x = 1
# coding: latin-1
name = 'rej_cookie_after_code_line'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
description = 'café'
