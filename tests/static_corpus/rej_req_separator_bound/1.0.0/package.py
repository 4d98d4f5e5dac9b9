name = 'rej_req_separator_bound'
version = '1.0.0'
requires = ['foo-1-0+<1.0']
timestamp = 1600129484
