name = 'rej_int_2_pow_64'
version = '1.0.0'
data = 18446744073709551616
timestamp = 1600129484
