name = 'ok_negative_numbers'
version = '1.0.0'
data = [-1, - 1, -0x10, -1.5, -(1), -0]
timestamp = 1600129484
