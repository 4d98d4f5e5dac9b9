name = 'rej_list_comprehension'
version = '1.0.0'
requires = [x for x in ['a-1']]
timestamp = 1600129484
