name = 'rej_name_value'
version = '1.0.0'
requires_list = ['a-1']
requires = requires_list
timestamp = 1600129484
