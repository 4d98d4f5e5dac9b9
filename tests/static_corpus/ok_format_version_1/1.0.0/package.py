name = 'ok_format_version_1'
version = '1.0.0'
timestamp = 1600129484
format_version = 1
