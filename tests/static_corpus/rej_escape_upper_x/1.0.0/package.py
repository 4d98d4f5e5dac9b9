name = 'rej_escape_upper_x'
version = '1.0.0'
requires = ['a\X2d1']
timestamp = 1600129484
