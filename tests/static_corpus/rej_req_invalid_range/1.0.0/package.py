name = 'rej_req_invalid_range'
version = '1.0.0'
requires = ['a==']
timestamp = 1600129484
