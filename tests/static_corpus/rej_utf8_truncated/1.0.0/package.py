name = 'rej_utf8_truncated'
version = '1.0.0'
timestamp = 1600129484
# â‚