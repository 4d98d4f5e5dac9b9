name = 'rej_scope_without_as'
version = '1.0.0'
with scope('config'):
    release_packages_path = '/r'
timestamp = 1600129484
