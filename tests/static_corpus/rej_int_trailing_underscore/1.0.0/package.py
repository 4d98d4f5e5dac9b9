name = 'rej_int_trailing_underscore'
version = '1.0.0'
data = 1_
timestamp = 1600129484
