name = 'rej_req_case_bound'
version = '1.0.0'
requires = ['foo-b+<A']
timestamp = 1600129484
