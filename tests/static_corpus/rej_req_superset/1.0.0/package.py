name = 'rej_req_superset'
version = '1.0.0'
requires = ['foo-1+<1_']
timestamp = 1600129484
