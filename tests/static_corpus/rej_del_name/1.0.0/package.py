name = 'rej_del_name'
version = '1.0.0'
requires = ['a-1']
del requires
timestamp = 1600129484
