name = 'rej_dict_unpack'
version = '1.0.0'
data = {**{}}
timestamp = 1600129484
