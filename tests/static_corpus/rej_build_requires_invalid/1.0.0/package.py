name = 'rej_build_requires_invalid'
version = '1.0.0'
build_requires = ['a==']
timestamp = 1600129484
