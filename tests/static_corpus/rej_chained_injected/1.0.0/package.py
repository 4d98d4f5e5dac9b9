name = 'rej_chained_injected'
version = '1.0.0'
x = scope = 1
timestamp = 1600129484
