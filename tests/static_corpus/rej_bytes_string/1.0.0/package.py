name = 'rej_bytes_string'
version = '1.0.0'
requires = [b'a-1']
timestamp = 1600129484
