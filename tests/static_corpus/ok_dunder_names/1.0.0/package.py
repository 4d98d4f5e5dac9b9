name = 'ok_dunder_names'
version = '1.0.0'
__doc__ = 'x'
__version__ = 1
__x = [1]
requires = ['a-1']
timestamp = 1600129484
