name = 'rej_body_break'
version = '1.0.0'
def commands():
    break
timestamp = 1600129484
