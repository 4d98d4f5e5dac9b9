name = 'ok_escape_octal_short'
version = '1.0.0'
requires = ['a\55\61', 'b\0551']
description = '\1010'
timestamp = 1600129484
