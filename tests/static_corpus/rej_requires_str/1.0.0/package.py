name = 'rej_requires_str'
version = '1.0.0'
requires = 'foo'
timestamp = 1600129484
