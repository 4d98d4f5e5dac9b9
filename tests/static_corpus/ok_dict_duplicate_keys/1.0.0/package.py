name = 'ok_dict_duplicate_keys'
version = '1.0.0'
revision = {'a': 1, 'b': 2, 'a': 3}
timestamp = 1600129484
