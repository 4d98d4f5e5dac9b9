name = 'rej_requires_tuple'
version = '1.0.0'
requires = ('a-1', 'b')
timestamp = 1600129484
