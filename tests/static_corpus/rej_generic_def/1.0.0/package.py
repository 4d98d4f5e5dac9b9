name = 'rej_generic_def'
version = '1.0.0'
def helper[T]():
    pass
timestamp = 1600129484
