name = 'ok_no_coding'
version = '1.0.0'
timestamp = 1600129484
