name = 'rej_timestamp_minus_float'
version = '1.0.0'
timestamp = -1.0
