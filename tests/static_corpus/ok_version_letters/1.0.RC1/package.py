name = 'ok_version_letters'
version = '1.0.RC1'
timestamp = 1600129484
