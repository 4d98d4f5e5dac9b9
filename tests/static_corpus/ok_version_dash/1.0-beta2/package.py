name = 'ok_version_dash'
version = '1.0-beta2'
timestamp = 1600129484
