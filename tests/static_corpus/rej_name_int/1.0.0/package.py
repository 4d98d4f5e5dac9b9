name = 1
version = '1.0.0'
timestamp = 1600129484
