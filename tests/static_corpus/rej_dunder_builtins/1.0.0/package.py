name = 'rej_dunder_builtins'
version = '1.0.0'
__builtins__ = {}
requires = ['a-1']
timestamp = 1600129484
