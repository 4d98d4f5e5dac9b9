name = 'rej_list_plus'
version = '1.0.0'
requires = ['a-1'] + ['b-1']
timestamp = 1600129484
