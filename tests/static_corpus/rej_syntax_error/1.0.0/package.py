name = 'rej_syntax_error'
version = '1.0.0'
timestamp = 1600129484
requires = ['a'
