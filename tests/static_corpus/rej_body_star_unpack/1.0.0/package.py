name = 'rej_body_star_unpack'
version = '1.0.0'
def commands():
    a, *b = [1, 2]
timestamp = 1600129484
