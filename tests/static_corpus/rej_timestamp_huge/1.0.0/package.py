name = 'rej_timestamp_huge'
version = '1.0.0'
timestamp = 1234567890123456789012
