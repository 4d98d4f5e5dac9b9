name = 'rej_dict_unhashable_key'
version = '1.0.0'
data = {[]: 1}
timestamp = 1600129484
