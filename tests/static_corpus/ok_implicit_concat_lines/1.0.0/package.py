name = 'ok_implicit_concat_lines'
version = '1.0.0'
requires = [
    'a-'  # first part
    '1',
    ('b'
     '-2'),
]
timestamp = 1600129484
