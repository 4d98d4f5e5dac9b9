name = 'ok_str_raw_upper'
version = '1.0.0'
requires = [R'a-1']
timestamp = 1600129484
