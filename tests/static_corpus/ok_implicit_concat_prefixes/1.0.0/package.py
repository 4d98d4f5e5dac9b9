name = 'ok_implicit_concat_prefixes'
version = '1.0.0'
requires = [r'a' u'-' R'1' '']
timestamp = 1600129484
