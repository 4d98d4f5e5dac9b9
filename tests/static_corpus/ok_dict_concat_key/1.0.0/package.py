name = 'ok_dict_concat_key'
version = '1.0.0'
revision = {'a' 'b': 1}
timestamp = 1600129484
