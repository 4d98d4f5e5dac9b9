name = 'ok_timestamp_zero'
version = '1.0.0'
timestamp = 0
