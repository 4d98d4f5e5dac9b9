name = 'ok_big_timestamp'
version = '1.0.0'
timestamp = 999999999999999999
