name = 'rej_req_invalid_bound'
version = '1.0.0'
requires = ['foo-2+<1']
timestamp = 1600129484
