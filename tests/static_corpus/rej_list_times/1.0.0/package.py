name = 'rej_list_times'
version = '1.0.0'
requires = ['a-1'] * 2
timestamp = 1600129484
