name = 'ok_helper_function'
version = '1.0.0'
helper = 1

def helper(x, y):
    return x + y

def _private():
    pass
timestamp = 1600129484
