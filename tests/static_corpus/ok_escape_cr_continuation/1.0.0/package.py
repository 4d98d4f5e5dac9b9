name = 'ok_escape_cr_continuation'
version = '1.0.0'
timestamp = 1600129484
requires = ['a-\1']
