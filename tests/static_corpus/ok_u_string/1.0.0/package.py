name = u'ok_u_string'
version = '1.0.0'
timestamp = 1600129484
