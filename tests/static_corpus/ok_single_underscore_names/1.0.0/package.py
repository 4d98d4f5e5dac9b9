name = 'ok_single_underscore_names'
version = '1.0.0'
_ = 1
_x = 'y'
timestamp = 1600129484
