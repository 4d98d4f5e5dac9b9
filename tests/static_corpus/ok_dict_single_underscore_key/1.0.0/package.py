name = 'ok_dict_single_underscore_key'
version = '1.0.0'
data = {'_x': 1}
timestamp = 1600129484
