name = 'rej_def_config'
version = '1.0.0'
def config():
    pass
timestamp = 1600129484
