name = 'ok_duplicate_key'
version = '1.0.0'
requires = ['a']
requires = ['b']
timestamp = 1600129484
