name = 'rej_def_description'
version = '1.0.0'
def description():
    return 'x'
timestamp = 1600129484
