name = 'ok_version_many_parts'
version = '1.2.3.4.5.6'
timestamp = 1600129484
