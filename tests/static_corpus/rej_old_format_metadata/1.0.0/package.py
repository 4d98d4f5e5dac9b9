name = 'rej_old_format_metadata'
version = '1.0.0'
requires = ['a']
