name = 'ok_mixed_newlines'
version = '1.0.0'requires = [
    'a-1',    'b-2',
]
timestamp = 1600129484
