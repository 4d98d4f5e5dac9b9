name = 'ok_version_mismatch'
version = '2.0.0'
timestamp = 1600129484
