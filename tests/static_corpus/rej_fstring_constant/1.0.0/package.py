name = 'rej_fstring_constant'
version = '1.0.0'
data = f'abc'
timestamp = 1600129484
