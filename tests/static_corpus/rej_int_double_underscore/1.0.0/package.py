name = 'rej_int_double_underscore'
version = '1.0.0'
data = 1__0
timestamp = 1600129484
