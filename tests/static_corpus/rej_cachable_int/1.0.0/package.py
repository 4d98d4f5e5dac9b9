name = 'rej_cachable_int'
version = '1.0.0'
cachable = 0
timestamp = 1600129484
