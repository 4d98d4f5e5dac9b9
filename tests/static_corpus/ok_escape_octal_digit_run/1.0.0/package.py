name = 'ok_escape_octal_digit_run'
version = '1.0.0'
requires = ['a-\0611']
timestamp = 1600129484
