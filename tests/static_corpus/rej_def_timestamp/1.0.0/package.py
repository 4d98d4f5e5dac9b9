name = 'rej_def_timestamp'
version = '1.0.0'
def timestamp():
    return 1
