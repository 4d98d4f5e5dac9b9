name = 'rej_concat_fstring'
version = '1.0.0'
requires = ['a' f'-1']
timestamp = 1600129484
