name = 'rej_req_unsorted'
version = '1.0.0'
requires = ['foo-2|1']
timestamp = 1600129484
