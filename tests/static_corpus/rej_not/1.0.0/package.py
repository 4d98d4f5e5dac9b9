name = 'rej_not'
version = '1.0.0'
data = not 1
timestamp = 1600129484
