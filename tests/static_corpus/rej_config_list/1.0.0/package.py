name = 'rej_config_list'
version = '1.0.0'
config = ['a']
timestamp = 1600129484
