name = 'ok_version_invalid_in_file'
version = 'not a version!'
timestamp = 1600129484
