name = 'rej_global_after_assign'
version = '1.0.0'
timestamp = 1600129484
def commands():
    x = 1
    global x
