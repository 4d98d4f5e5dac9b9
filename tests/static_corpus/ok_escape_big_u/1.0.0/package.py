name = 'ok_escape_big_u'
version = '1.0.0'
requires = ['a\U0000002d1']
timestamp = 1600129484
