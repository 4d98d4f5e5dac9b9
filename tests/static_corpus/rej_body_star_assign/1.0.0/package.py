name = 'rej_body_star_assign'
version = '1.0.0'
def commands():
    *a = b
timestamp = 1600129484
