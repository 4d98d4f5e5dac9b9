name = 'rej_global_after_augmented'
version = '1.0.0'
timestamp = 1600129484
def commands():
    x += 1
    global x
