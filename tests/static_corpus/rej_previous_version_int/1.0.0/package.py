name = 'rej_previous_version_int'
version = '1.0.0'
previous_version = 1
timestamp = 1600129484
