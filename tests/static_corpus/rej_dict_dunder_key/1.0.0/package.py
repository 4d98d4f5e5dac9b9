name = 'rej_dict_dunder_key'
version = '1.0.0'
data = {'__x': 1}
timestamp = 1600129484
