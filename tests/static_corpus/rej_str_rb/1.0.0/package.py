name = 'rej_str_rb'
version = '1.0.0'
data = rb'x'
timestamp = 1600129484
