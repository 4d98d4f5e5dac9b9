name = 'rej_req_case_union'
version = '1.0.0'
requires = ['foo-a|B']
timestamp = 1600129484
