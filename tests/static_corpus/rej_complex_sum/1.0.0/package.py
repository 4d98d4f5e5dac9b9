name = 'rej_complex_sum'
version = '1.0.0'
data = 1+2j
timestamp = 1600129484
