name = 'rej_default_int_key'
version = '1.0.0'
timestamp = 1600129484
def helper(x={1: 2}):
    pass
