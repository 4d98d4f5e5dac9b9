name = 'ok_global_in_if_before_use'
version = '1.0.0'
timestamp = 1600129484
def commands():
    if a:
        global x
    x = 1
