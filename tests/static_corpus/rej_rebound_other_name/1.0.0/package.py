name = 'rej_rebound_other_name'
version = '1.0.0'
timestamp = 1600129484
late = globals()['early']
