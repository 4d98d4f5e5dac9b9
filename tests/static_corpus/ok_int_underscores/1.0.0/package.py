name = 'ok_int_underscores'
version = '1.0.0'
timestamp = 1_600_129_484
