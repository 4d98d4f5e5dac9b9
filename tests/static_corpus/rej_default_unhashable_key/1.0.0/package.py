name = 'rej_default_unhashable_key'
version = '1.0.0'
timestamp = 1600129484
def helper(x={[]: 1}):
    pass
