name = 'ok_escape_octal'
version = '1.0.0'
requires = ['a\0551']
timestamp = 1600129484
