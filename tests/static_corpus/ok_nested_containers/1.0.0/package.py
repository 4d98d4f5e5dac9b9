name = 'ok_nested_containers'
version = '1.0.0'
data = {'a': [1, (2, 3), {'b': None}], 'c': ((),), 'd': [[[]]]}
timestamp = 1600129484
