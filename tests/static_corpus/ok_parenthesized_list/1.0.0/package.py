name = 'ok_parenthesized_list'
version = '1.0.0'
requires = (['a-1'])
variants = [(['b-1'])]
timestamp = 1600129484
