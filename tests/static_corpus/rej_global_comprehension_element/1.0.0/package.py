name = 'rej_global_comprehension_element'
version = '1.0.0'
timestamp = 1600129484
def commands():
    [x for a in y]
    global x
