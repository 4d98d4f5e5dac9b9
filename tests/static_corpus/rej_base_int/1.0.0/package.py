name = 'rej_base_int'
version = '1.0.0'
base = 1
timestamp = 1600129484
