name = 'ok_version_underscore'
version = '1_2'
timestamp = 1600129484
