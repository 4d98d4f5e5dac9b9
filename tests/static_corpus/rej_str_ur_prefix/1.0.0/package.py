name = 'rej_str_ur_prefix'
version = '1.0.0'
requires = [ur'a-1']
timestamp = 1600129484
