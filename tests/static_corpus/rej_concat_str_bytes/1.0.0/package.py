name = 'rej_concat_str_bytes'
version = '1.0.0'
requires = ['a' b'-1']
timestamp = 1600129484
