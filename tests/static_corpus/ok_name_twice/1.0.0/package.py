name = 'other'
name = 'ok_name_twice'
version = '1.0.0'
timestamp = 1600129484
