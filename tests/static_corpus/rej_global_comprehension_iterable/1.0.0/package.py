name = 'rej_global_comprehension_iterable'
version = '1.0.0'
timestamp = 1600129484
def commands():
    [1 for a in x]
    global x
