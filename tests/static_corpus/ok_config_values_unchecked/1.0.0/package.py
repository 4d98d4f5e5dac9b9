name = 'ok_config_values_unchecked'
version = '1.0.0'
config = {'release_packages_path': 1, 'no_such_setting': [1]}
timestamp = 1600129484
