name = 'rej_unary_plus'
version = '1.0.0'
data = +1
timestamp = 1600129484
