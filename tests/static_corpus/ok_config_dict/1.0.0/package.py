name = 'ok_config_dict'
version = '1.0.0'
config = {'release_packages_path': 'released'}
timestamp = 1600129484
