name = ('rej_name_tuple',)
version = '1.0.0'
timestamp = 1600129484
