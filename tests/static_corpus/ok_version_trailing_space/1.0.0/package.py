name = 'ok_version_trailing_space'
version = '1.0.0 '
timestamp = 1600129484
