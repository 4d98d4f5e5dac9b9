name = 'ok_rebound_concat_key'
version = '1.0.0'
timestamp = 1600129484
late = globals()['la' 'te']
