name = 'ok_timestamp_true'
version = '1.0.0'
timestamp = True
