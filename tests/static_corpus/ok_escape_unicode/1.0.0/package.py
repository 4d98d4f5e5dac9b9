name = 'ok_escape_unicode'
version = '1.0.0'
requires = ['a\u002d1']
timestamp = 1600129484
