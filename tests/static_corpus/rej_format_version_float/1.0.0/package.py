name = 'rej_format_version_float'
version = '1.0.0'
format_version = 2.0
timestamp = 1600129484
