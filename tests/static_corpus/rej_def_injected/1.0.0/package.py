name = 'rej_def_injected'
version = '1.0.0'
def early():
    pass
timestamp = 1600129484
