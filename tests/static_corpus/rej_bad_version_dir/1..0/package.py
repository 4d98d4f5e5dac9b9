name = 'rej_bad_version_dir'
version = '1..0'
timestamp = 1600129484
