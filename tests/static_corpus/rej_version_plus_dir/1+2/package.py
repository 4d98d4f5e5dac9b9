name = 'rej_version_plus_dir'
version = '1+2'
timestamp = 1600129484
