name = 'rej_escape_digit_8'
version = '1.0.0'
requires = ['a\8']
timestamp = 1600129484
