name = 'rej_body_yield'
version = '1.0.0'
def commands():
    yield 1
timestamp = 1600129484
