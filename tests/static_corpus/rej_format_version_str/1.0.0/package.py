name = 'rej_format_version_str'
version = '1.0.0'
format_version = '2'
timestamp = 1600129484
