name = 'ok_duplicate_requirements'
version = '1.0.0'
requires = ['a-1', 'a-1']
variants = [['b'], ['b']]
timestamp = 1600129484
