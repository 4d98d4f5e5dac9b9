name = 'rej_body_duplicate_kwarg'
version = '1.0.0'
def commands():
    f(a=1, a=2)
timestamp = 1600129484
