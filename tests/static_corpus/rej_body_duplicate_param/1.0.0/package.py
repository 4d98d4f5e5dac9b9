name = 'rej_body_duplicate_param'
version = '1.0.0'
def helper(a, a):
    pass
timestamp = 1600129484
