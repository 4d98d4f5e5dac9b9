name = 'rej_escape_tab_req'
version = '1.0.0'
requires = ['a\t-1']
timestamp = 1600129484
