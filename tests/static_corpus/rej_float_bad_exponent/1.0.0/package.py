name = 'rej_float_bad_exponent'
version = '1.0.0'
data = 1e
timestamp = 1600129484
