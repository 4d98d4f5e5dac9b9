name = 'rej_req_overlap'
version = '1.0.0'
requires = ['foo-1|1.5']
timestamp = 1600129484
