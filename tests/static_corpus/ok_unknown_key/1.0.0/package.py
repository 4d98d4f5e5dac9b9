name = 'ok_unknown_key'
version = '1.0.0'
my_setting = 'x'
timestamp = 1600129484
