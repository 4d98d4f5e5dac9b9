name = 'ok_format_version_0'
version = '1.0.0'
format_version = 0
timestamp = 1600129484
