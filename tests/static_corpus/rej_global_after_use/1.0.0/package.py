name = 'rej_global_after_use'
version = '1.0.0'
timestamp = 1600129484
def commands():
    print(x)
    global x
