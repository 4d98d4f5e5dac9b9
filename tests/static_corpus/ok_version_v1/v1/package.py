name = 'ok_version_v1'
version = 'v1'
timestamp = 1600129484
