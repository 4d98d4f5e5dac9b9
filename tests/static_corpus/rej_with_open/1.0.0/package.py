name = 'rej_with_open'
version = '1.0.0'
timestamp = 1600129484
with open(__file__) as f:
    pass
