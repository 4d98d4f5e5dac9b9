name = 'rej_req_empty'
version = '1.0.0'
requires = ['']
timestamp = 1600129484
