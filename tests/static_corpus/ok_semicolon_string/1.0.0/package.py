name = 'ok_semicolon_string'
version = '1.0.0'
description = 'a; requires = ["evil-1"]'; requires = ['a-1']
timestamp = 1600129484
