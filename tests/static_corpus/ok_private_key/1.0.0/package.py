name = 'ok_private_key'
version = '1.0.0'
_private = 1
timestamp = 1600129484
