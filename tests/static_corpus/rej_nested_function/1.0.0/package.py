name = 'rej_nested_function'
version = '1.0.0'
def commands():
    def inner():
        pass
timestamp = 1600129484
