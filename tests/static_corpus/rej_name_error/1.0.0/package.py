name = 'rej_name_error'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
help_text = undefined_name
