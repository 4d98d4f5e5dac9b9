name = 'ok_req_forms'
version = '1.0.0'
requires = ['!a', '~b-1+', 'c==1', 'd<2', 'e-1+<2', 'f-1|3', 'g']
timestamp = 1600129484
