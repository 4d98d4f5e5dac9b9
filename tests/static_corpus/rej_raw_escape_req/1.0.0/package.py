name = 'rej_raw_escape_req'
version = '1.0.0'
requires = [r'a\x2d1']
timestamp = 1600129484
