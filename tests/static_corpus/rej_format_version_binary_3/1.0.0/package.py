name = 'rej_format_version_binary_3'
version = '1.0.0'
format_version = 0b11
timestamp = 1600129484
