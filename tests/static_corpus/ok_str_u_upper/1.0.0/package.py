name = 'ok_str_u_upper'
version = '1.0.0'
requires = [U'a-1']
timestamp = 1600129484
