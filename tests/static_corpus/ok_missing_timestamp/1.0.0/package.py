name = 'ok_missing_timestamp'
version = '1.0.0'
requires = ['a']
