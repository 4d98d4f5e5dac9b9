name = 'ok_req_gt'
version = '1.0.0'
requires = ['foo>1']
timestamp = 1600129484
