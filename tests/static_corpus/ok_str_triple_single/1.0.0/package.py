name = 'ok_str_triple_single'
version = '1.0.0'
requires = ['''a-1''']
timestamp = 1600129484
