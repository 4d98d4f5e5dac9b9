name = 'rej_escape_named'
version = '1.0.0'
requires = ['a\N{HYPHEN-MINUS}1']
timestamp = 1600129484
