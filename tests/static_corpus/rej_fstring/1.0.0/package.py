name = 'rej_fstring'
version = '1.0.0'
requires = [f'a-{1}']
timestamp = 1600129484
