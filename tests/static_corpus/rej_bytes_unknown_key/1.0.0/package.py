name = 'rej_bytes_unknown_key'
version = '1.0.0'
data = b'x'
timestamp = 1600129484
