name = 'rej_double_minus'
version = '1.0.0'
data = --1
timestamp = 1600129484
