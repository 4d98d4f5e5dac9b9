name = 'ok_multi_target'
version = '1.0.0'
requires = build_requires = ['a']
timestamp = 1600129484
