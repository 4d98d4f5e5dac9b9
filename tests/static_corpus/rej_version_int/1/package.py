name = 'rej_version_int'
version = 1
timestamp = 1600129484
