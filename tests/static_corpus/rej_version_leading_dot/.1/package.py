name = 'rej_version_leading_dot'
version = '.1'
timestamp = 1600129484
