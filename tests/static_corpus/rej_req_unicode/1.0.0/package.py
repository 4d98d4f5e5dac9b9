name = 'rej_req_unicode'
version = '1.0.0'
requires = ['café-1']
timestamp = 1600129484
