name = 'rej_bare_raise'
version = '1.0.0'
raise
timestamp = 1600129484
