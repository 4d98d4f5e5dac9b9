name = 'rej_starred_list'
version = '1.0.0'
requires = [*['a-1']]
timestamp = 1600129484
