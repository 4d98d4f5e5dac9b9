name = 'ok_body_global'
version = '1.0.0'
def commands():
    global X
    X = 1
timestamp = 1600129484
