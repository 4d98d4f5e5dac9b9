name = 'ok_version_empty_file'
version = ''
timestamp = 1600129484
