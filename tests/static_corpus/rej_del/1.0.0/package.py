name = 'rej_del'
version = '1.0.0'
requires = ['a']
del requires
timestamp = 1600129484
