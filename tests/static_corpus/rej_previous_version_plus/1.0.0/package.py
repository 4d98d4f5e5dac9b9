name = 'rej_previous_version_plus'
version = '1.0.0'
previous_version = '1+2'
timestamp = 1600129484
