name = 'ok_rebound_late'
version = '1.0.0'
timestamp = 1600129484
late = globals()['late']
