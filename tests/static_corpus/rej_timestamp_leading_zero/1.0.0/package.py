name = 'rej_timestamp_leading_zero'
version = '1.0.0'
timestamp = 01
