name = 'rej_req_bad_name'
version = '1.0.0'
requires = ['foo bar-1']
timestamp = 1600129484
