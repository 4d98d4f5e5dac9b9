name = 'rej_body_lambda'
version = '1.0.0'
def commands():
    f = lambda: 1
timestamp = 1600129484
