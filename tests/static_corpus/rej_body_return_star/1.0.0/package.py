name = 'rej_body_return_star'
version = '1.0.0'
def commands():
    return *a,
timestamp = 1600129484
