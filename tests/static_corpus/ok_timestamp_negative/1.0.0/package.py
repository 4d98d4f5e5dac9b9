name = 'ok_timestamp_negative'
version = '1.0.0'
timestamp = -1
