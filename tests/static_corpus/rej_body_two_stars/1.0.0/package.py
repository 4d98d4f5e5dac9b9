name = 'rej_body_two_stars'
version = '1.0.0'
def commands():
    a, *b, *c = d
timestamp = 1600129484
