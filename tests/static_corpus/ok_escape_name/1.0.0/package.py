name = 'ok_escape\x5fname'
version = '1.0.0'
timestamp = 1600129484
