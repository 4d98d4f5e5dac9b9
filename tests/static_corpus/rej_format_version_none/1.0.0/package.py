name = 'rej_format_version_none'
version = '1.0.0'
format_version = None
timestamp = 1600129484
