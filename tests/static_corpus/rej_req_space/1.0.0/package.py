name = 'rej_req_space'
version = '1.0.0'
requires = ['a -1']
timestamp = 1600129484
