name = 'rej_old_format_release_yaml'
version = '1.0.0'
requires = ['a']
