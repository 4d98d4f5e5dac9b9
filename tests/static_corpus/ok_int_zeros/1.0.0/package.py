name = 'ok_int_zeros'
version = '1.0.0'
timestamp = 00
data = 0_0
