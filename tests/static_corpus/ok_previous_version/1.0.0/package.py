name = 'ok_previous_version'
version = '1.0.0'
previous_version = '0.9.1'
previous_revision = {'commit': 'abc'}
timestamp = 1600129484
