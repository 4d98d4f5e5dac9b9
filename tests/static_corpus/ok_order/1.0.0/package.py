timestamp = 1600129484
variants = [['a']]
requires = ['b']
version = '1.0.0'
name = 'ok_order'
