name = 'rej_body_positional_after_kwarg'
version = '1.0.0'
def commands():
    f(a=1, 2)
timestamp = 1600129484
