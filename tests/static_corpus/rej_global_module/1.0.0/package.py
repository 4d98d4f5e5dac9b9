name = 'rej_global_module'
version = '1.0.0'
global requires
requires = ['a-1']
timestamp = 1600129484
