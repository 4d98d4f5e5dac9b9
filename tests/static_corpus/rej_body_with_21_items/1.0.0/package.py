name = 'rej_body_with_21_items'
version = '1.0.0'
def commands():
    with a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a:
        pass
timestamp = 1600129484
