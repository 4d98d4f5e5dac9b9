name = 'ok_int_upper_prefixes'
version = '1.0.0'
data = [0XFF, 0O17, 0B11, 0x_1f]
timestamp = 1600129484
