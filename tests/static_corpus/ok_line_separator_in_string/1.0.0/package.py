name = 'ok_line_separator_in_string'
version = '1.0.0'
description = 'a b c'  # x y
requires = ['a-1']
timestamp = 1600129484
