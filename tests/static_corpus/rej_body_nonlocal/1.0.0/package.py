name = 'rej_body_nonlocal'
version = '1.0.0'
def commands():
    nonlocal x
timestamp = 1600129484
