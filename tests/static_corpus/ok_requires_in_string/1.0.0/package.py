name = 'ok_requires_in_string'
version = '1.0.0'
description = "requires = ['evil-1']"
requires = ['a-1']
timestamp = 1600129484
