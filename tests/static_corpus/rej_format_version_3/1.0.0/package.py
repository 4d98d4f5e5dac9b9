name = 'rej_format_version_3'
version = '1.0.0'
timestamp = 1600129484
format_version = 3
