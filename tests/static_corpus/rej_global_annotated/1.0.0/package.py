name = 'rej_global_annotated'
version = '1.0.0'
timestamp = 1600129484
def commands():
    global x
    x: int = 1
