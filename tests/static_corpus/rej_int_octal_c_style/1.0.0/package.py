name = 'rej_int_octal_c_style'
version = '1.0.0'
data = 0777
timestamp = 1600129484
