name = 'rej_timestamp_float'
version = '1.0.0'
timestamp = 1600129484.5
