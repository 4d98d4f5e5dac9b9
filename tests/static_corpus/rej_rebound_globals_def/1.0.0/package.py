name = 'rej_rebound_globals_def'
version = '1.0.0'
timestamp = 1600129484
def globals():
    return {}

late = globals()['late']
