name = 'ok_escape_hex'
version = '1.0.0'
requires = ['a\x2d1']
timestamp = 1600129484
