name = 'ok_format_version_hex'
version = '1.0.0'
format_version = 0x2
timestamp = 1600129484
