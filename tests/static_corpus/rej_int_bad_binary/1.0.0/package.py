name = 'rej_int_bad_binary'
version = '1.0.0'
data = 0b2
timestamp = 1600129484
