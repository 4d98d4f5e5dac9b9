name = 'rej_raise_at_exec'
version = '1.0.0'
requires = ['a-1']
timestamp = 1600129484
x = 1 / 0
