name = 'rej_private_build_requires_str'
version = '1.0.0'
private_build_requires = 'a'
timestamp = 1600129484
