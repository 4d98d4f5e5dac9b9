name = 'rej_rebound_globals_bound'
version = '1.0.0'
timestamp = 1600129484
globals = dict
late = globals()['late']
