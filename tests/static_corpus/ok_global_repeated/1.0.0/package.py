name = 'ok_global_repeated'
version = '1.0.0'
timestamp = 1600129484
def commands():
    global x, x
