name = 'rej_set'
version = '1.0.0'
data = {'a'}
timestamp = 1600129484
