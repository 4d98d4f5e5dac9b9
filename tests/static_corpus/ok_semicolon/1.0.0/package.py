name = 'ok_semicolon'
version = '1.0.0'
requires = ['a']; variants = [['b']]
timestamp = 1600129484
