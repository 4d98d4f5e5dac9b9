name = 'ok_raw_string'
version = '1.0.0'
requires = [r'a-1']
timestamp = 1600129484
