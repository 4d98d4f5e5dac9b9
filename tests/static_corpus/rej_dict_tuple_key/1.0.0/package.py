name = 'rej_dict_tuple_key'
version = '1.0.0'
data = {(): 1}
timestamp = 1600129484
