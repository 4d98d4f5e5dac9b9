name = 'rej_escape_newline_req'
version = '1.0.0'
requires = ['a-1\n']
timestamp = 1600129484
