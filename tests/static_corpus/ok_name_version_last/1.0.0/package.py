requires = ['a-1']
timestamp = 1600129484
version = '1.0.0'
name = 'ok_name_version_last'
