name = 'rej_version_float'
version = 1.0
timestamp = 1600129484
