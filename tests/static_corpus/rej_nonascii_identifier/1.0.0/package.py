name = 'rej_nonascii_identifier'
version = '1.0.0'
café = 1
timestamp = 1600129484
