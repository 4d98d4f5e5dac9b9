name = 'ok_escape_version'
version = '1\x2e0\0560'
timestamp = 1600129484
