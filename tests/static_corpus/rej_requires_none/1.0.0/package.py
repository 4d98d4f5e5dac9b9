name = 'rej_requires_none'
version = '1.0.0'
requires = None
timestamp = 1600129484
