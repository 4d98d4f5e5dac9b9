name = 'rej_dict_int_key'
version = '1.0.0'
data = {1: 'a'}
timestamp = 1600129484
