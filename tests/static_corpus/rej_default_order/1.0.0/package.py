name = 'rej_default_order'
version = '1.0.0'
timestamp = 1600129484
def helper(x=1, y):
    pass
