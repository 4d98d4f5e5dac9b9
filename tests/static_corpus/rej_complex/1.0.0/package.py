name = 'rej_complex'
version = '1.0.0'
data = 1j
timestamp = 1600129484
