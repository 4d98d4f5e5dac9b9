name = 'rej_str_br_upper'
version = '1.0.0'
requires = [BR'a-1']
timestamp = 1600129484
