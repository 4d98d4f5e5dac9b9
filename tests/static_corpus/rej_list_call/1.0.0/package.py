name = 'rej_list_call'
version = '1.0.0'
requires = list(['a-1'])
timestamp = 1600129484
